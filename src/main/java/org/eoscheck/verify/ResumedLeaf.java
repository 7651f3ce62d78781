package org.eoscheck.verify;

/** A leaf that an earlier, interrupted run of the same check finished: it is not decided again. */
public record ResumedLeaf(Box box, String status) {}
