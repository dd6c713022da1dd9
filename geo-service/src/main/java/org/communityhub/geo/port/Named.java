package org.communityhub.geo.port;

/** A community, compound or building by code and display name. */
public record Named(String code, String name) {
}
