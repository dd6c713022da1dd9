package org.communityhub.geo.demo;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where each community of a demo subdistrict goes. A tile of 4 × 3 community cells (7 km × 4.35 km,
 * 128 compounds) is the scale-1 subdistrict in Futian; scale N lays N tiles out in a near-square grid
 * north and east of it, so cells never overlap. Immutable and thread-safe.
 */
final class SubdistrictLayout {

    static final double CELL_WIDTH = 1750;
    static final double CELL_HEIGHT = 1450;
    static final int TILE_COLUMNS = 4;
    static final int TILE_ROWS = 3;
    static final int COMMUNITIES_PER_TILE = TILE_COLUMNS * TILE_ROWS;
    static final int SLOTS_PER_COMMUNITY = 12;

    private final int scale;
    private final int tilesPerRow;
    private final int codeWidth;

    SubdistrictLayout(int scale) {
        this.scale = scale;
        this.tilesPerRow = (int) Math.ceil(Math.sqrt(scale));
        this.codeWidth = Math.max(2, Integer.toString(communityCount()).length());
    }

    int communityCount() {
        return COMMUNITIES_PER_TILE * scale;
    }

    LocalFrame frame() {
        return LocalFrame.futian();
    }

    /** Cell of community {@code k} (0-based); within a tile, numbering runs west→east, north→south. */
    Rect cell(int k) {
        int tile = k / COMMUNITIES_PER_TILE;
        int inTile = k % COMMUNITIES_PER_TILE;
        int column = (tile % tilesPerRow) * TILE_COLUMNS + inTile % TILE_COLUMNS;
        int row = (tile / tilesPerRow) * TILE_ROWS + (TILE_ROWS - 1 - inTile / TILE_COLUMNS);
        double x0 = column * CELL_WIDTH;
        double y0 = row * CELL_HEIGHT;
        return new Rect(x0, y0, x0 + CELL_WIDTH, y0 + CELL_HEIGHT);
    }

    /** Code of community {@code k}: {@code c01} .. {@code c12} at scale 1, wider when there are more. */
    String communityCode(int k) {
        return String.format(Locale.ROOT, "c%0" + codeWidth + "d", k + 1);
    }

    /** Compounds in community {@code k}: 10 or 11, 128 per tile of 12 communities. */
    int compoundsIn(int k) {
        return (k % COMMUNITIES_PER_TILE) % 3 == 0 ? 10 : 11;
    }

    /**
     * The random stream of community {@code k}. Seed and index are scrambled first: SplittableRandom
     * seeds that differ by its internal increment would otherwise give shifted copies of one stream.
     */
    static SplittableRandom random(long seed, int k) {
        return new SplittableRandom(mix(mix(seed) + (k + 1) * 0x632BE59BD9B4E019L));
    }

    /** A bijective 64-bit scrambler (SplitMix64 finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
