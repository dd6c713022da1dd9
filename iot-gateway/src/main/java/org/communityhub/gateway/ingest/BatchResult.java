package org.communityhub.gateway.ingest;

/**
 * What a committed batch did.
 *
 * @param stored     events newly stored
 * @param duplicates events already stored before (redelivered or re-sent ids)
 * @param alerts     alerts opened or changed
 */
public record BatchResult(int stored, int duplicates, int alerts) {
}
