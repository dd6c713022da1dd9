package org.communityhub.stray;

/** Test-only, for {@code LayeringTest}: a class in a package the layering does not classify. */
final class LayeringProbe {

    private LayeringProbe() {
    }
}
