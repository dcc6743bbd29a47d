package io.sparkgan.images;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import javax.imageio.spi.IIORegistry;

/**
 * Puts the TwelveMonkeys JPEG reader into ImageIO's registry, ahead of the JDK's.
 *
 * <p>Why explicitly: ImageIO finds plugins once, when its registry is first used, through
 * ServiceLoader on the thread's context class loader at that moment. In a Spark executor the
 * registry may already have been built by a thread whose loader cannot see the application
 * jar, and a shaded jar may lose the META-INF/services entry; either way the JDK reader would
 * silently be used and CMYK/YCCK JPEGs would be refused or get wrong colours.
 * {@code ImageIO.scanForPlugins()} would repeat the context-loader lookup with the same
 * weakness, so instead the provider is created from this class's own loader and registered
 * directly; its {@code onRegistration} orders it before the JDK JPEG reader. Registering
 * again (the ServiceLoader copy, or another loader's copy) replaces the same class, so this is
 * harmless when the plugin was already found.
 */
final class ImageIoPlugins {
    static {
        IIORegistry.getDefaultInstance().registerServiceProvider(new JPEGImageReaderSpi());
    }

    private ImageIoPlugins() {
    }

    /** Runs the registration above once per class loader; cheap to call on every use. */
    static void ensureRegistered() {
        // The work happens in the static initialiser.
    }
}
