package org.communityhub.gateway.postgis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Events' {@code data} as JSON text for their column, written with Jackson's streaming generator by Vert.x's own
 * value rules (the same text as {@code new JsonObject(data).encode()} without the object-mapper lookups per call).
 * One instance serves a batch: one generator and one buffer for all its events (root values without separator),
 * instead of a generator, a {@code StringWriter} and its synchronized buffer per event.
 * Cost: one pass over each map, one string per event. Not thread-safe: one instance per batch, closed after it.
 */
final class EventDataJson implements AutoCloseable {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final TextBuffer out = new TextBuffer();
    private final JsonGenerator generator;

    EventDataJson() {
        try {
            generator = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.setRootValueSeparator(null);
    }

    /** One event's data as JSON text. */
    String encode(Map<String, Object> data) {
        try {
            JacksonCodec.encodeJson(data, generator);
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.text.toString();
        out.text.setLength(0);
        return text;
    }

    @Override
    public void close() {
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link Writer} into a {@link StringBuilder}: no locks (the JDK's {@code StringWriter} synchronizes). */
    private static final class TextBuffer extends Writer {
        final StringBuilder text = new StringBuilder(256);

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            text.append(s, off, off + len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
            // nothing buffered here
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
