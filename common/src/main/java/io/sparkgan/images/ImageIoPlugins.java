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
 * silently be used: it converts CMYK/YCCK with its own profile (50% black ink comes out as
 * grey 187 instead of 127) and refuses JPEGs with broken ICC profiles.
 * {@code ImageIO.scanForPlugins()} would repeat the context-loader lookup with the same
 * weakness, so instead the provider is created from this class's own loader and registered
 * directly; its {@code onRegistration} orders it before the JDK JPEG reader. When the
 * ServiceLoader already registered this same class, nothing is done.
 */
final class ImageIoPlugins {
    private ImageIoPlugins() {
    }

    /**
     * Registers the TwelveMonkeys JPEG reader unless this loader's copy already is; a map
     * lookup, cheap enough to call before every decode (so a registry reset by other code is
     * repaired too).
     */
    static void ensureRegistered() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        if (registry.getServiceProviderByClass(JPEGImageReaderSpi.class) == null) {
            registry.registerServiceProvider(new JPEGImageReaderSpi());
        }
    }
}
