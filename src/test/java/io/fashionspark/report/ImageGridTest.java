package io.fashionspark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.testing.SyntheticFashion;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageGridTest {
    private static final LabeledImages TEST = SyntheticFashion.generate(200, 3);
    private static final List<String> NAMES = DataConfig.FASHION_MNIST_CLASSES;

    @Test
    void mostConfidentMistakesComeFirstThenCorrectAnswersOfEveryClass() {
        int n = TEST.count();
        int[] predicted = new int[n];
        float[] confidence = new float[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = i % 4 == 0 ? (TEST.label(i) + 1) % 10 : TEST.label(i);
            confidence[i] = (i % 97) / 100f;
        }
        ImageGrid grid = ImageGrid.choose(TEST, predicted, confidence, 40, NAMES);
        assertEquals(50, grid.mistakes());
        assertEquals(n, grid.examples());
        assertEquals(40, grid.images().size());
        List<GridImage> wrong = grid.images().stream().filter(g -> !g.correct()).toList();
        assertEquals(ImageGrid.MAX_MISTAKES, wrong.size());
        for (int i = 1; i < wrong.size(); i++) {
            assertTrue(wrong.get(i - 1).probability() >= wrong.get(i).probability(), "confidence descending");
        }
        assertFalse(grid.images().get(ImageGrid.MAX_MISTAKES - 1).correct());
        long classes = grid.images().subList(ImageGrid.MAX_MISTAKES, 40).stream().mapToInt(GridImage::trueLabel)
                .distinct().count();
        assertEquals(10, classes, "correct answers from every class");
        assertEquals(NAMES, grid.classNames());
    }

    @Test
    void aModelThatIsAlwaysWrongStillFillsTheGrid() {
        int[] predicted = new int[TEST.count()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = (TEST.label(i) + 1) % 10;
        }
        ImageGrid grid = ImageGrid.choose(TEST, predicted, new float[TEST.count()], 40, NAMES);
        assertEquals(40, grid.images().size());
    }

    @Test
    void imagesAreLosslessGreyPngs() throws Exception {
        byte[] pixels = TEST.image(5);
        byte[] png = Base64.getDecoder().decode(ImageGrid.pngBase64(pixels, 28));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(28, image.getWidth());
        byte[] back = new byte[784];
        image.getRaster().getDataElements(0, 0, 28, 28, back);
        assertArrayEquals(pixels, back);
    }
}
