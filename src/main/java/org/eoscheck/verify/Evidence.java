package org.eoscheck.verify;

/**
 * Why a leaf is closed, as recorded in the proof log: {@code vacuous} (hypothesis j certainly
 * fails on the box), or per claim {@code interval} (with the enclosure form), {@code reduction}
 * (only definedness was left), {@code z3} (with the SMT-LIB2 query answered unsat), or
 * {@code violation} (the claim certainly fails on the whole box while every hypothesis holds).
 */
public record Evidence(String method, int claim, int hypothesis, String form, String smt) {
  public static Evidence vacuous(int hypothesis) {
    return new Evidence("vacuous", -1, hypothesis, null, null);
  }

  public static Evidence interval(int claim, String form) {
    return new Evidence("interval", claim, -1, form, null);
  }

  public static Evidence reduction(int claim) {
    return new Evidence("reduction", claim, -1, null, null);
  }

  public static Evidence z3(int claim, String smt) {
    return new Evidence("z3", claim, -1, null, smt);
  }

  public static Evidence violation(int claim) {
    return new Evidence("violation", claim, -1, null, null);
  }
}
