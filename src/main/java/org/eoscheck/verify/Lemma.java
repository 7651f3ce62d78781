package org.eoscheck.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.model.Model;

/**
 * A lemma as written in a lemma file: a model, a region (a box of exact rational ranges; a
 * variable with lo == hi is fixed), hypotheses and claims, each with its source line.
 *
 * @param expect the verdict the author expects (PROVED, REFUTED, UNKNOWN), or null
 */
public record Lemma(String name, String source, String file, String text, Model model,
    Map<String, BigFraction[]> ranges, Map<String, Integer> rangeLines, List<Located> assumptions,
    List<Located> claims, String expect) {
  public Lemma {
    ranges = new LinkedHashMap<>(ranges);
    rangeLines = Map.copyOf(rangeLines);
    assumptions = List.copyOf(assumptions);
    claims = List.copyOf(claims);
  }
}
