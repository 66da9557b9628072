package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a card's image may be, on real directories, files and links. */
class ImageDirectoriesTest {
    @TempDir
    Path root;
    private Path cards;
    private Path outside;

    @BeforeEach
    void directories() throws IOException {
        cards = Files.createDirectories(root.resolve("data/ocxlpmem"));
        outside = Files.createDirectories(root.resolve("etc"));
    }

    private String refusal(ImageDirectories directories, Path image) {
        return assertThrows(IllegalArgumentException.class, () -> directories.check(image)).getMessage();
    }

    @Test
    void anImageInTheCardsDirectoryOrBelowIt() {
        ImageDirectories directories = new ImageDirectories(cards);
        assertDoesNotThrow(() -> directories.check(cards.resolve("card0.img")));
        assertDoesNotThrow(() -> directories.check(cards.resolve("new/sub/card1.img")));
        assertDoesNotThrow(() -> directories.check(cards.resolve("new/../card1.img")));
    }

    @Test
    void anImageElsewhereIsRefusedNamingItAndTheDirectoriesAndNothingIsTouched() throws IOException {
        Path passwd = outside.resolve("passwd");
        byte[] content = "root:x:0:0::/root:/bin/sh\n".getBytes();
        Files.write(passwd, content);
        ImageDirectories directories = new ImageDirectories(cards);
        String why = refusal(directories, passwd);
        assertTrue(why.contains("image " + passwd + " is outside the directories card images may be in: " + cards), why);
        assertTrue(why.contains("imageDirectories of configuration dev.ocxlpmem.emulator"), why);
        assertArrayEquals(content, Files.readAllBytes(passwd));
        refusal(directories, outside.resolve("new/card.img"));
        assertFalse(Files.exists(outside.resolve("new")));
        refusal(directories, cards);
        refusal(directories, Path.of("card0.img")); // relative: against Karaf's working directory
    }

    @Test
    void dotDotCannotLeadOut() {
        String why = refusal(new ImageDirectories(cards), cards.resolve("../../etc/passwd"));
        assertTrue(why.contains("(" + outside.resolve("passwd") + ")"), why);
        refusal(new ImageDirectories(cards), cards.resolve("missing/../../../etc/card.img"));
    }

    @Test
    void aLinkIsJudgedByWhereItLeads() throws IOException {
        ImageDirectories directories = new ImageDirectories(cards);
        Files.createSymbolicLink(cards.resolve("to-etc"), outside);
        Files.write(outside.resolve("shadow"), new byte[] {1});
        Files.createSymbolicLink(cards.resolve("card9.img"), outside.resolve("shadow"));
        refusal(directories, cards.resolve("to-etc/card.img"));
        String why = refusal(directories, cards.resolve("card9.img"));
        assertTrue(why.contains("(" + outside.resolve("shadow") + ")"), why);
        Files.createSymbolicLink(cards.resolve("dangling.img"), outside.resolve("made-by-the-card"));
        assertTrue(refusal(directories, cards.resolve("dangling.img")).contains("is a link to nothing"));
        assertFalse(Files.exists(outside.resolve("made-by-the-card")));
        Path linkedIn = Files.createSymbolicLink(root.resolve("cards-link"), cards);
        assertDoesNotThrow(() -> directories.check(linkedIn.resolve("card0.img")));
    }

    @Test
    void anAdminAddsDirectoriesAsAListOrOneCommaSeparatedValue() {
        Path images = root.resolve("srv/images");
        Path more = root.resolve("mnt/pmem");
        assertDoesNotThrow(() -> new ImageDirectories(cards, images.toString()).check(images.resolve("a.img")));
        ImageDirectories fromCfg = new ImageDirectories(cards, images + ", " + more);
        assertDoesNotThrow(() -> fromCfg.check(images.resolve("a.img")));
        assertDoesNotThrow(() -> fromCfg.check(more.resolve("b.img")));
        assertTrue(refusal(fromCfg, outside.resolve("c.img")).contains(cards + ", " + images + ", " + more));
    }
}
