package org.communityhub.geo.mbtiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.communityhub.geo.port.BasemapInfo;
import org.communityhub.geo.port.BasemapTiles;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An MBTiles file (SQLite) as a {@link BasemapTiles}: opened read-only, checked once by {@link #open} (an
 * SQLite database with {@code tiles} and {@code metadata}, a known format, tiles in it), then read through a
 * small pool of connections, each with its prepared tile query, opened on demand up to the given size and
 * used by one thread at a time. MBTiles rows are TMS (row 0 at the south): {@link #tile} flips the XYZ row,
 * {@code tile_row = 2^z - 1 - y}. A tile costs one indexed lookup; a connection that failed is dropped.
 * Thread-safe. Close it to close the connections (tiles asked for afterwards fail).
 */
public final class MbtilesFile implements BasemapTiles, AutoCloseable {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final long BORROW_TIMEOUT_SECONDS = 10;

    /** One connection and its prepared tile query; used by one thread at a time. */
    private record Reader(Connection connection, PreparedStatement tile) {
        void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a read-only connection loses nothing
            }
        }
    }

    private final SQLiteDataSource source;
    private final BasemapInfo info;
    private final int size;
    private final BlockingQueue<Reader> idle;
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    private MbtilesFile(SQLiteDataSource source, BasemapInfo info, int size) {
        this.source = source;
        this.info = info;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * Opens and checks {@code file}; at most {@code connections} (≥ 1) readers at once.
     *
     * @throws IllegalArgumentException saying why the file is not a usable MBTiles file (one line)
     */
    public static MbtilesFile open(Path file, int connections) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the file is not readable by this user");
        }
        if (file.toString().contains("?")) {
            throw new IllegalArgumentException("a path with '?' cannot be opened by SQLite's JDBC driver: rename it");
        }
        checkHeader(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection c = source.getConnection()) {
            return new MbtilesFile(source, describe(c, nameOf(file)), Math.max(1, connections));
        } catch (SQLException e) {
            throw new IllegalArgumentException("not a readable MBTiles file (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    @Override
    public BasemapInfo info() {
        return info;
    }

    @Override
    public Optional<byte[]> tile(int z, int x, int y) {
        if (z < 0 || z > MAX_ZOOM || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z) {
            throw new IllegalArgumentException("no tile " + z + "/" + x + "/" + y + " in the XYZ scheme");
        }
        if (z < info.minZoom() || z > info.maxZoom()) {
            return Optional.empty();
        }
        Reader reader = borrow();
        try {
            reader.tile().setInt(1, z);
            reader.tile().setInt(2, x);
            reader.tile().setInt(3, (1 << z) - 1 - y);
            byte[] bytes = null;
            try (ResultSet rs = reader.tile().executeQuery()) {
                if (rs.next()) {
                    bytes = rs.getBytes(1);
                }
            }
            giveBack(reader);
            return Optional.ofNullable(bytes);
        } catch (SQLException e) {
            reader.close();
            opened.decrementAndGet();
            throw new IllegalStateException("cannot read tile " + z + "/" + x + "/" + y + " from the MBTiles file: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** Closes the idle connections; those in use close when they are given back. */
    @Override
    public void close() {
        closed = true;
        for (Reader r = idle.poll(); r != null; r = idle.poll()) {
            r.close();
        }
    }

    private Reader borrow() {
        if (closed) {
            throw new IllegalStateException("the MBTiles file is closed");
        }
        Reader r = idle.poll();
        if (r != null) {
            return r;
        }
        if (opened.incrementAndGet() <= size) {
            try {
                Connection c = source.getConnection();
                return new Reader(c, c.prepareStatement(MbtilesSql.TILE));
            } catch (SQLException e) {
                opened.decrementAndGet();
                throw new IllegalStateException("cannot open the MBTiles file again: " + firstLine(e.getMessage()), e);
            }
        }
        opened.decrementAndGet();
        try {
            r = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (r == null) {
            throw new IllegalStateException("no MBTiles reader free within " + BORROW_TIMEOUT_SECONDS + " s");
        }
        return r;
    }

    private void giveBack(Reader reader) {
        if (closed || !idle.offer(reader)) {
            reader.close();
            opened.decrementAndGet();
        }
    }

    /** The metadata, the first tile and (only when the metadata lacks them) the zooms; refuses a non-MBTiles file. */
    private static BasemapInfo describe(Connection c, String fallbackName) throws SQLException {
        Set<String> objects = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(MbtilesSql.OBJECTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                objects.add(rs.getString(1));
            }
        }
        for (String needed : new String[] {"tiles", "metadata"}) {
            if (!objects.contains(needed)) {
                throw new IllegalArgumentException("an SQLite database but not an MBTiles file: no '" + needed + "' table");
            }
        }
        Map<String, String> values = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(MbtilesSql.METADATA); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    values.put(rs.getString(1).strip().toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        c.prepareStatement(MbtilesSql.TILE).close(); // the tiles table has the MBTiles columns
        byte[] first;
        try (PreparedStatement ps = c.prepareStatement(MbtilesSql.ANY_TILE); ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getBytes(1) == null) {
                throw new IllegalArgumentException("an MBTiles file without tiles");
            }
            first = rs.getBytes(1);
        }
        int[] zooms = {0, 0};
        if (MbtilesMetadata.zoom(values.get("minzoom")).isEmpty() || MbtilesMetadata.zoom(values.get("maxzoom")).isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(MbtilesSql.ZOOMS); ResultSet rs = ps.executeQuery()) {
                rs.next();
                zooms = new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
        return MbtilesMetadata.read(values, fallbackName, first, zooms);
    }

    private static void checkHeader(Path file) {
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the file (" + e.getMessage() + ")", e);
        }
        if (read == 0) {
            throw new IllegalArgumentException("the file is empty, not an MBTiles (SQLite) file");
        }
        if (read < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
            throw new IllegalArgumentException("not an SQLite database, so not an MBTiles file");
        }
    }

    private static String nameOf(Path file) {
        String name = String.valueOf(file.getFileName());
        return name.toLowerCase(Locale.ROOT).endsWith(".mbtiles") ? name.substring(0, name.length() - 8) : name;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
