import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Saves a PNG of the whole X screen named by $DISPLAY (the package check's Xvfb), so that the
 * installed app's real window can be looked at without ImageMagick or xwd.
 *
 * <pre>DISPLAY=:99 java ScreenGrab.java OUT.png</pre>
 */
public final class ScreenGrab {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java ScreenGrab.java OUT.png");
            System.exit(2);
        }
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getDefaultScreenDevice().getDefaultConfiguration().getBounds();
        BufferedImage shot = new Robot().createScreenCapture(screen);
        ImageIO.write(shot, "png", new File(args[0]));
        System.out.println("ScreenGrab: " + screen.width + "x" + screen.height + " -> " + args[0]);
    }

    private ScreenGrab() {}
}
