package org.eoscheck.certificate;

/** A piece of lemma-file text with the line it stands on (1-based). */
public record Located(String text, int line) {}
