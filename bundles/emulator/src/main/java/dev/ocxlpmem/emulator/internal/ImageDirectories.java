package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import dev.ocxlpmem.emulator.EmulatorConfig;

/**
 * The directories a card's image file may be in: {@code ${karaf.data}/ocxlpmem} and those an admin
 * names in {@link EmulatorConfig}. An image is judged by its real path (links and {@code ..}
 * resolved), so that neither can lead a card out of them. A change applies to cards that come up
 * after it (a card's configuration changed, or a new one).
 */
@Component(service = ImageDirectories.class, configurationPid = EmulatorConfig.PID)
@Designate(ocd = EmulatorConfig.class)
public final class ImageDirectories {
    private final Path defaultDirectory;
    private volatile List<Path> directories;

    @Activate
    public ImageDirectories(BundleContext context, EmulatorConfig config) {
        this(EmulatedCard.defaultImageDirectory(context), config.imageDirectories());
    }

    ImageDirectories(Path defaultDirectory, String... more) {
        this.defaultDirectory = defaultDirectory.toAbsolutePath().normalize();
        this.directories = directories(this.defaultDirectory, more);
    }

    @Modified
    void modified(EmulatorConfig config) {
        directories = directories(defaultDirectory, config.imageDirectories());
    }

    /** The default directory and the others; a .cfg file gives the list as one comma-separated value. */
    private static List<Path> directories(Path defaultDirectory, String... more) {
        List<Path> all = new ArrayList<>();
        all.add(defaultDirectory);
        for (String entry : more) {
            for (String name : entry.split(",")) {
                if (!name.isBlank()) {
                    all.add(Path.of(name.trim()).toAbsolutePath().normalize());
                }
            }
        }
        return List.copyOf(all);
    }

    /**
     * Refuses an image outside the directories, before anything is created or opened.
     *
     * @throws IllegalArgumentException naming the image and the directories
     */
    void check(Path image) throws IOException {
        Path real = real(image);
        List<Path> directories = this.directories;
        for (Path directory : directories) {
            Path realDirectory = real(directory);
            if (real.startsWith(realDirectory) && !real.equals(realDirectory)) {
                return;
            }
        }
        String shown = real.equals(image.toAbsolutePath()) ? image.toString() : image + " (" + real + ")";
        throw new IllegalArgumentException("image " + shown + " is outside the directories card images may be in: "
                + directories.stream().map(Path::toString).collect(Collectors.joining(", "))
                + "; an admin may add one (imageDirectories of configuration dev.ocxlpmem.emulator)");
    }

    /**
     * {@code path} with every link and {@code ..} resolved, also where its last names do not exist
     * yet (the image and its directory are created on first use). A link to nothing is refused: a
     * file created through it would land wherever it points.
     */
    static Path real(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path real = absolute.getRoot();
        for (Path name : absolute) {
            if (name.toString().equals("..")) {
                real = real.getParent() == null ? real : real.getParent();
            } else if (!name.toString().equals(".")) {
                real = real.resolve(name);
                if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.exists(real)) {
                        throw new IllegalArgumentException("image " + path + ": " + real + " is a link to nothing");
                    }
                    real = real.toRealPath();
                }
            }
        }
        return real;
    }
}
