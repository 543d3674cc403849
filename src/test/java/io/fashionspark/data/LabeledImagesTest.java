package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    @Test
    void describesFashionMnistShapeAndClasses() {
        assertEquals(28, LabeledImages.SIDE);
        assertEquals(784, LabeledImages.PIXELS);
        assertEquals(10, LabeledImages.CLASSES);
        assertEquals(10, LabeledImages.CLASS_NAMES.length);
        assertEquals("T-shirt/top", LabeledImages.className(0));
        assertEquals("Sneaker", LabeledImages.CLASS_NAMES[7]);
        assertEquals("Ankle boot", LabeledImages.className(9));
        assertThrows(IndexOutOfBoundsException.class, () -> LabeledImages.className(10));
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
    void rejectsLabelOutsideClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages("s", 1, 1, new byte[2], new byte[] {3, 10}));

        assertEquals("s: expected labels in 0..9, found 10 at index 1", e.getMessage());
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
