package dev.onnxworkbench.models.runtime.inputs;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A decoded picture as opaque 0xAARRGGBB pixels, row by row. Decoded with {@code javax.imageio}, which needs no
 * display: the command line, a batch job and the window decode the same file into the same pixels.
 */
public record Picture(int[] argb, int width, int height) {

    public Picture {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + argb.length);
        }
    }

    /** Reads a PNG, JPEG, BMP or GIF file. Blocking I/O. */
    public static Picture read(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("No image file " + file + ".");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("Cannot read " + file.getFileName() + " as an image: " + e.getMessage());
        }
        if (image == null) {
            throw new InvalidInputException(file.getFileName() + " is not a PNG, JPEG, BMP or GIF image.");
        }
        return of(image);
    }

    /** A picture file's width and height from its header, without decoding its pixels. Blocking I/O. */
    public static int[] dimensions(Path file) throws InvalidInputException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException(file.getFileName() + " is not a PNG, JPEG, BMP or GIF image.");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file.getFileName() + " as an image: " + e.getMessage());
        }
    }

    public static Picture of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return new Picture(image.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /** For previews: the pixels as a {@link BufferedImage}. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }
}
