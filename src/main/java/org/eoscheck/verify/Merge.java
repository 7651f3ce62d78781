package org.eoscheck.verify;

import org.eoscheck.certificate.Replay;
import org.eoscheck.certificate.Tiling;
import org.eoscheck.certificate.Statement;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.ProofLog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Counterexample;
import org.eoscheck.certificate.ProofLog.Header;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Split;
import org.eoscheck.certificate.ProofLog.Status;

/**
 * Joins the logs of the shards of one run into one log. The headers must be equal except for
 * "shard" (same lemma text, options, statement); no leaf path may appear twice; the joined leaves
 * must tile the root box, else the first missing piece is named (a missing or unfinished shard).
 * The result line is recomputed from the leaves' statuses; it is not a verification: replay the
 * merged log for that.
 */
public final class Merge {
  private Merge() {}

  /** The merged log; {@code names} name the inputs in messages. */
  public static Contents merge(List<Contents> logs, List<String> names) throws Rejected {
    if (logs.isEmpty()) {
      throw new Rejected("nothing to merge");
    }
    Header first = logs.get(0).header().withShard(null);
    ObjectNode reference = ProofLog.json(first);
    Map<String, Split> splits = new LinkedHashMap<>();
    List<Leaf> leaves = new ArrayList<>();
    List<Counterexample> counterexamples = new ArrayList<>();
    Map<String, String> owner = new HashMap<>();
    long boxes = 0;
    double seconds = 0;
    for (int i = 0; i < logs.size(); i++) {
      Contents log = logs.get(i);
      String name = names.get(i);
      String field = firstDifference(reference, ProofLog.json(log.header().withShard(null)));
      if (field != null) {
        throw new Rejected(name + ": its header differs from " + names.get(0) + "'s in '" + field
            + "' (a different lemma or options)");
      }
      for (Split sp : log.splits()) {
        Split before = splits.putIfAbsent(sp.path(), sp);
        if (before != null && !before.equals(sp)) {
          throw new Rejected(name + ": the split of " + sp.path() + " differs from another shard's");
        }
      }
      for (Leaf l : log.leaves()) {
        String before = owner.put(l.path(), name);
        if (before != null) {
          throw new Rejected("leaf " + l.path() + " is in both " + before + " and " + name);
        }
        leaves.add(l);
      }
      counterexamples.addAll(log.counterexamples());
      boxes += log.result() == null ? log.leaves().size() : log.result().boxes();
      seconds += log.result() == null ? 0 : log.result().seconds();
    }
    Statement st = Statement.of(first);
    List<Tiling.Gap> gaps = Tiling.check(st.root(), leaves);
    if (!gaps.isEmpty()) {
      throw new Rejected("the shards do not cover the root box: " + gaps.get(0).describe()
          + (gaps.size() > 1 ? " (and " + (gaps.size() - 1) + " more)" : "") + "; missing shard?");
    }
    List<Status> status = leaves.stream().map(Leaf::status).toList();
    Result result = new Result(Replay.verdict(counterexamples, status, true),
        Replay.volumes(st.root(), leaves, status), boxes, seconds);
    return new Contents(first, List.copyOf(splits.values()), leaves, counterexamples, result);
  }

  private static String firstDifference(ObjectNode a, ObjectNode b) {
    for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!a.get(f).equals(b.get(f))) {
        return f;
      }
    }
    return a.size() == b.size() ? null : "(fields)";
  }
}
