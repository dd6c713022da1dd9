package org.communityhub.geo.mbtiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.communityhub.geo.port.BasemapInfo;
import org.communityhub.geo.port.BoundingBox;
import org.communityhub.geo.port.TileFormat;
import org.communityhub.geo.testing.TestMbtiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MbtilesFile} on real MBTiles files written with sqlite-jdbc ({@link TestMbtiles}): XYZ addresses reach the
 * TMS rows, the metadata becomes the {@link BasemapInfo}, and a file that is not MBTiles is refused with a reason.
 */
class MbtilesFileTest {

    @TempDir
    Path dir;

    @Test
    void everyXyzTileIsTheOneStoredAtItsFlippedTmsRow() throws IOException {
        Path file = TestMbtiles.coloured(dir.resolve("district.mbtiles"), "测试底图", "© 测试");
        try (MbtilesFile mbtiles = MbtilesFile.open(file, 2)) {
            for (int z = 0; z <= 2; z++) {
                for (int x = 0; x < 1 << z; x++) {
                    for (int y = 0; y < 1 << z; y++) {
                        if (z == TestMbtiles.HOLE[0] && x == TestMbtiles.HOLE[1] && y == TestMbtiles.HOLE[2]) {
                            assertThat(mbtiles.tile(z, x, y)).as("the hole").isEmpty();
                            continue;
                        }
                        byte[] png = mbtiles.tile(z, x, y).orElseThrow();
                        assertThat(centre(png)).as("tile %d/%d/%d", z, x, y).isEqualTo(TestMbtiles.colour(z, x, y));
                    }
                }
            }
            assertThat(mbtiles.tile(3, 0, 0)).as("deeper than the file").isEmpty();
        }
    }

    @Test
    void theNorthernRowOfZoomOneIsTmsRowOne() {
        byte[] north = "north".getBytes(StandardCharsets.US_ASCII);
        byte[] south = "south".getBytes(StandardCharsets.US_ASCII);
        Path file = TestMbtiles.builder().meta("format", "png").tileTms(1, 0, 1, north).tileTms(1, 0, 0, south)
                .write(dir.resolve("rows.mbtiles"));
        try (MbtilesFile mbtiles = MbtilesFile.open(file, 1)) {
            assertThat(mbtiles.tile(1, 0, 0)).contains(north);
            assertThat(mbtiles.tile(1, 0, 1)).contains(south);
            assertThat(mbtiles.info().minZoom()).as("zooms from the tiles when the metadata has none").isEqualTo(1);
            assertThat(mbtiles.info().maxZoom()).isEqualTo(1);
            assertThat(mbtiles.info().name()).as("the file's name without metadata name").isEqualTo("rows");
        }
    }

    @Test
    void theMetadataDescribesTheBasemap() {
        Path file = TestMbtiles.coloured(dir.resolve("d.mbtiles"), "龙泉街道", "<b>© 天地图</b> & OSM");
        try (MbtilesFile mbtiles = MbtilesFile.open(file, 1)) {
            BasemapInfo info = mbtiles.info();
            assertThat(info.name()).isEqualTo("龙泉街道");
            assertThat(info.format()).isEqualTo(TileFormat.PNG);
            assertThat(info.attribution()).isEqualTo("<b>© 天地图</b> & OSM");
            assertThat(info.minZoom()).isZero();
            assertThat(info.maxZoom()).isEqualTo(2);
            assertThat(info.bounds()).isEqualTo(new BoundingBox(-180, -85.0511, 180, 85.0511));
        }
    }

    @Test
    void theFormatComesFromTheMetadataOrElseFromTheTiles() {
        byte[] tile = TestMbtiles.jpeg(Color.RED);
        assertThat(format("jpg", tile)).isEqualTo(TileFormat.JPEG);
        assertThat(format("JPEG", tile)).isEqualTo(TileFormat.JPEG);
        assertThat(format("webp", tile)).isEqualTo(TileFormat.WEBP);
        assertThat(format("pbf", tile)).isEqualTo(TileFormat.PBF);
        assertThat(format(null, tile)).as("sniffed JPEG").isEqualTo(TileFormat.JPEG);
        assertThat(format(null, TestMbtiles.png(Color.RED))).as("sniffed PNG").isEqualTo(TileFormat.PNG);
        assertThat(format(null, new byte[] {0x1f, (byte) 0x8b, 8, 0})).as("gzip: vector").isEqualTo(TileFormat.PBF);
        assertThatThrownBy(() -> format("tiff", tile)).hasMessageContaining("format 'tiff' is none of png, jpg, webp, pbf");
        assertThatThrownBy(() -> format(null, new byte[] {1, 2, 3})).hasMessageContaining("has no format");
    }

    @Test
    void aFileThatIsNotMbtilesIsRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> MbtilesFile.open(dir.resolve("absent.mbtiles"), 1)).hasMessage("no such file");
        Path empty = Files.createFile(dir.resolve("empty.mbtiles"));
        assertThatThrownBy(() -> MbtilesFile.open(empty, 1)).hasMessageContaining("the file is empty");
        Path text = Files.writeString(dir.resolve("text.mbtiles"), "just some text, not a database at all\n");
        assertThatThrownBy(() -> MbtilesFile.open(text, 1)).hasMessageContaining("not an SQLite database");
        Path noTiles = TestMbtiles.builder().meta("format", "png").write(dir.resolve("notiles.mbtiles"));
        assertThatThrownBy(() -> MbtilesFile.open(noTiles, 1)).hasMessageContaining("without tiles");
        Path oddColumns = TestMbtiles.builder().meta("format", "png").write(dir.resolve("odd.mbtiles"));
        TestMbtiles.sql(oddColumns, "DROP TABLE tiles", "CREATE TABLE tiles (z integer, data blob)");
        assertThatThrownBy(() -> MbtilesFile.open(oddColumns, 1)).hasMessageContaining("not a readable MBTiles file")
                .hasMessageContaining("no such column");
        Path noMetadata = TestMbtiles.builder().tileXyz(0, 0, 0, TestMbtiles.png(Color.RED)).write(dir.resolve("m.mbtiles"));
        TestMbtiles.sql(noMetadata, "DROP TABLE metadata");
        assertThatThrownBy(() -> MbtilesFile.open(noMetadata, 1)).hasMessageContaining("no 'metadata' table");
    }

    private TileFormat format(String metadataFormat, byte[] tile) {
        TestMbtiles b = TestMbtiles.builder().tileXyz(0, 0, 0, tile);
        if (metadataFormat != null) {
            b.meta("format", metadataFormat);
        }
        Path file = b.write(dir.resolve("f.mbtiles"));
        try (MbtilesFile mbtiles = MbtilesFile.open(file, 1)) {
            return mbtiles.info().format();
        }
    }

    private static Color centre(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(256);
        return new Color(image.getRGB(128, 128));
    }
}
