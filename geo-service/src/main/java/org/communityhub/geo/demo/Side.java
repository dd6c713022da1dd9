package org.communityhub.geo.demo;

/** A side of an axis-aligned rectangle, with its Chinese compass label (南门, 东侧围墙 ...). */
enum Side {
    SOUTH("南"),
    EAST("东"),
    NORTH("北"),
    WEST("西");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
