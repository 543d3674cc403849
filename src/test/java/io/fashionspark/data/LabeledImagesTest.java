package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.NetworkFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    @Test
    void describesFashionMnistShapeAndClasses() {
        assertEquals(28, LabeledImages.SIDE);
        assertEquals(784, LabeledImages.PIXELS);
        assertEquals(10, DataConfig.DEFAULTS.classes());
        assertEquals(10, DataConfig.FASHION_MNIST_CLASSES.size());
        assertEquals(DataConfig.FASHION_MNIST_CLASSES, DataConfig.DEFAULTS.classNames());
        assertEquals("Sneaker", DataConfig.FASHION_MNIST_CLASSES.get(7));
        // The checked accessor by label is now a model's: its class names are the data's.
        Classifier model = Classifier.of(NetworkFactory.create(RunConfig.DEFAULTS), DataConfig.FASHION_MNIST_CLASSES);
        assertEquals(10, model.classes());
        assertEquals("T-shirt/top", model.className(0));
        assertEquals("Sneaker", model.className(7));
        assertEquals("Ankle boot", model.className(9));
        assertThrows(IndexOutOfBoundsException.class, () -> model.className(10));
        assertThrows(IndexOutOfBoundsException.class, () -> model.className(-1));
    }

    @Test
    void returnsCopyOfOneImage() {
        LabeledImages set = twoImages();

        byte[] second = set.image(1);
        second[0] = 99;

        assertEquals(784, second.length);
        assertEquals(2, set.image(1)[0]);
        assertEquals(1, set.image(0)[783]);
        assertEquals(2, set.count());
        assertEquals(7, set.label(1));
        assertThrows(IndexOutOfBoundsException.class, () -> set.image(2));
    }

    @Test
    void rejectsPixelCountThatDoesNotMatchLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages("s", 28, 28, new byte[783], new byte[1]));

        assertEquals("s: expected 784 pixel bytes for 1 images of 28x28, found 783", e.getMessage());
    }

    @Test
    void findsLabelOutsideClasses() {
        // Labels are checked against the data's class count where they are read (IdxReader), not here.
        assertEquals(1, LabeledImages.firstBadLabel(new byte[] {3, 10}, 10));
        assertEquals(-1, LabeledImages.firstBadLabel(new byte[] {3, 10}, 11));
        assertEquals(-1, LabeledImages.firstBadLabel(new byte[] {0, 9, 9}, 10));
        assertEquals(2, LabeledImages.firstBadLabel(new byte[] {0, 9, (byte) 200, 10}, 10), "labels are unsigned");
        assertEquals(-1, LabeledImages.firstBadLabel(new byte[] {0, (byte) 255}, IdxReader.ANY_LABEL));
    }

    @Test
    void rejectsNonPositiveSides() {
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages("s", 0, 28, new byte[0], new byte[0]));
    }

    @Test
    void comparesByContent() {
        assertEquals(twoImages(), twoImages());
        assertEquals(twoImages().hashCode(), twoImages().hashCode());
        LabeledImages other = twoImages();
        other.pixels()[5] = 42;
        assertNotEquals(twoImages(), other);
        assertEquals("LabeledImages[source=test, count=2, 28x28]", twoImages().toString());
    }

    private static LabeledImages twoImages() {
        byte[] pixels = new byte[2 * 784];
        Arrays.fill(pixels, 0, 784, (byte) 1);
        Arrays.fill(pixels, 784, 1568, (byte) 2);
        return new LabeledImages("test", 28, 28, pixels, new byte[] {3, 7});
    }
}
