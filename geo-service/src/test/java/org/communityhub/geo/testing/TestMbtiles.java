package org.communityhub.geo.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.sqlite.SQLiteDataSource;

/**
 * Writes small MBTiles files (SQLite, MBTiles 1.3 schema) for tests, with sqlite-jdbc, the library the hub reads
 * them with. {@link #coloured} makes the standard one: 256×256 PNG tiles of one colour each, {@link #colour distinct
 * for every tile}, zooms 0–2, stored at their TMS rows ({@code tile_row = 2^z - 1 - y}, row 0 in the south).
 * Costs a few milliseconds per file. Not thread-safe per instance.
 */
public final class TestMbtiles {

    /** The one tile {@link #coloured} leaves out (XYZ), to ask for a tile a basemap does not have. */
    public static final int[] HOLE = {2, 0, 3};

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Object[]> rows = new ArrayList<>();

    private TestMbtiles() {
    }

    /** An empty file-to-be: add metadata and tiles, then {@link #write}. */
    public static TestMbtiles builder() {
        return new TestMbtiles();
    }

    /** The colour of XYZ tile z/x/y in {@link #coloured} files: distinct for all tiles of zooms 0–2. */
    public static Color colour(int z, int x, int y) {
        return new Color(30 + 60 * z, 20 + 60 * x, 20 + 60 * y);
    }

    /**
     * Writes {@code file}: PNG tiles of zooms 0–2 in their {@link #colour}s (all but {@link #HOLE}), metadata name
     * {@code name}, format png, minzoom 0, maxzoom 2, world bounds and {@code attribution}.
     */
    public static Path coloured(Path file, String name, String attribution) {
        TestMbtiles b = builder().meta("name", name).meta("format", "png").meta("minzoom", "0").meta("maxzoom", "2")
                .meta("bounds", "-180,-85.0511,180,85.0511").meta("attribution", attribution).meta("type", "baselayer");
        for (int z = 0; z <= 2; z++) {
            for (int x = 0; x < 1 << z; x++) {
                for (int y = 0; y < 1 << z; y++) {
                    if (z != HOLE[0] || x != HOLE[1] || y != HOLE[2]) {
                        b.tileXyz(z, x, y, png(colour(z, x, y)));
                    }
                }
            }
        }
        return b.write(file);
    }

    public TestMbtiles meta(String name, String value) {
        metadata.put(name, value);
        return this;
    }

    /** A tile at XYZ z/x/y, stored at TMS row {@code 2^z - 1 - y}. */
    public TestMbtiles tileXyz(int z, int x, int y, byte[] data) {
        return tileTms(z, x, (1 << z) - 1 - y, data);
    }

    /** A tile stored exactly at {@code tile_row} (TMS). */
    public TestMbtiles tileTms(int z, int column, int row, byte[] data) {
        rows.add(new Object[] {z, column, row, data});
        return this;
    }

    /** Writes the file (replacing one that is there) and returns its path. */
    public Path write(Path file) {
        try {
            Files.deleteIfExists(file);
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE metadata (name text, value text)");
                s.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)");
                s.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO metadata (name, value) VALUES (?, ?)")) {
                    for (Map.Entry<String, String> e : metadata.entrySet()) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, e.getValue());
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tiles VALUES (?, ?, ?, ?)")) {
                    for (Object[] row : rows) {
                        ps.setInt(1, (Integer) row[0]);
                        ps.setInt(2, (Integer) row[1]);
                        ps.setInt(3, (Integer) row[2]);
                        ps.setBytes(4, (byte[]) row[3]);
                        ps.executeUpdate();
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the test MBTiles file " + file, e);
        }
    }

    /** Runs {@code statements} on {@code file} (e.g. to spoil a valid file). */
    public static void sql(Path file, String... statements) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the test MBTiles file " + file, e);
        }
    }

    /** A 256×256 PNG of one colour. */
    public static byte[] png(Color colour) {
        return image(colour, "png");
    }

    /** A 256×256 JPEG of one colour. */
    public static byte[] jpeg(Color colour) {
        return image(colour, "jpeg");
    }

    private static byte[] image(Color colour, String format) {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 256, 256);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
