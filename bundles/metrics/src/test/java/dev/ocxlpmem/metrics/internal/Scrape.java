package dev.ocxlpmem.metrics.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;

/** A collector's metrics as Prometheus reads them (the text format), and the value of one series. */
record Scrape(String text) {

    static Scrape of(MultiCollector collector) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, collector.collect());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(out.toString(StandardCharsets.UTF_8));
    }

    /** The value of {@code series}, written as the text format writes it: {@code name{a="x",b="y"}}. */
    double value(String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return fail("no " + series + " in the scrape:\n" + text);
    }

    boolean has(String series) {
        return text.contains("\n" + series + " ") || text.startsWith(series + " ");
    }
}
