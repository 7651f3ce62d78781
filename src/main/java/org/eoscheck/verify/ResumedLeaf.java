package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Status;
/** A leaf that an earlier, interrupted run of the same check finished: it is not decided again. */
public record ResumedLeaf(Box box, Status status) {}
