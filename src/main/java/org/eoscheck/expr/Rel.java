package org.eoscheck.expr;

/** A comparison between two real expressions. */
public enum Rel {
  LE("<="),
  LT("<"),
  GE(">="),
  GT(">"),
  EQ("==");

  private final String symbol;

  Rel(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether the relation excludes equality of its two sides. */
  public boolean strict() {
    return this == LT || this == GT;
  }
}
