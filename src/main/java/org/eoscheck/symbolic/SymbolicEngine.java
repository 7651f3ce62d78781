package org.eoscheck.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The computer-algebra system (Symja, matheclipse-core 3.0.0) behind one synchronised door:
 * simplification, expansion, one-fraction form, factoring over the rationals, determinants, LaTeX.
 *
 * <p>Symja is a heuristic helper, not a proof kernel: it has silently dropped solutions before
 * (shared/stack.md). Every answer must be checked by the caller, e.g. with {@link PointCheck} at
 * random rational points, before it is shown as a fact or used in a proof.
 *
 * <p>Each call runs in Symja's own thread and its caller waits at most the call's time budget
 * (default {@link #DEFAULT_BUDGET}). A call over its budget, or whose caller is interrupted (its
 * phase ran out of time, see {@code verify.Deadline}), is abandoned: Symja is asked to stop and its
 * thread interrupted (Symja's evaluator and its polynomial library JAS stop at their next check),
 * later calls go to a fresh engine in a fresh thread, and the call throws
 * {@link SymbolicException.Timeout}; so no caller waits for Symja past its budget, even when Symja
 * ignores the request to stop. Symja's own worker threads are disabled
 * ({@code Config.JAS_NO_THREADS}) so that the JVM exits promptly, and its messages are swallowed.
 */
public final class SymbolicEngine {
  /** The budget of one call when none is given. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);
  /** Up to this size determinants go by Laplace expansion (n! terms), above by Symja's Det. */
  private static final int MAX_LAPLACE = 6;

  static {
    // Must run before Symja's F is first touched.
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty("log4j2.loggerContextFactory",
          "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }
    Config.JAS_NO_THREADS = true;
    Config.TIMECONSTRAINED_NO_THREAD = true;
  }

  private static final class Holder {
    static final SymbolicEngine INSTANCE = new SymbolicEngine();
  }

  /** Symja's thread gets a large stack: its evaluator recurses over deep expressions. */
  private static final long STACK_BYTES = 256L << 20;

  /** One engine with its translation and the thread that runs it. */
  private static final class Symja {
    final EvalEngine engine;
    final ExprEvaluator evaluator;
    final SymjaTranslation translation = new SymjaTranslation();
    final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "eoscheck-symja", STACK_BYTES);
      t.setDaemon(true);
      return t;
    });

    Symja() {
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      engine = new EvalEngine("eoscheck", quiet);
      engine.setErrorPrintStream(quiet);
      engine.setQuietMode(true);
      evaluator = new ExprEvaluator(engine, true, (short) 0);
    }

    /** Evaluates one Symja call (in Symja's thread); a stopped evaluation is no answer. */
    IExpr eval(IExpr call, String what) {
      IExpr answer = evaluator.eval(call);
      if (engine.isStopRequested() || Thread.currentThread().isInterrupted()) {
        throw new SymbolicException.Timeout("Symja's " + what + " was stopped");
      }
      return answer;
    }
  }

  /** The engine in use; replaced when a call is abandoned. Guarded by this. */
  private Symja symja = new Symja();

  private SymbolicEngine() {}

  /** The engine, created (and Symja started, ~1-2 s) on first use. */
  public static SymbolicEngine get() {
    return Holder.INSTANCE;
  }

  /**
   * e as constant * prod base^power, with integer powers (negative for factors of the
   * denominator) and the bases irreducible over the rationals as far as Symja can tell.
   */
  public record Factorization(BigFraction constant, List<Factor> factors) {
    /** One factor base^power; power &lt; 0 for factors of the denominator. */
    public record Factor(Expr base, int power) {}

    public Factorization {
      factors = List.copyOf(factors);
    }

    /** constant * prod base^power, written as one fraction. */
    public Expr toExpr() {
      return product(constant, factors);
    }

    /** The factors of the numerator (power &gt; 0). */
    public List<Factor> numerator() {
      return factors.stream().filter(f -> f.power() > 0).toList();
    }

    /** The factors of the denominator, with their powers made positive. */
    public List<Factor> denominator() {
      return factors.stream().filter(f -> f.power() < 0)
          .map(f -> new Factor(f.base(), -f.power())).toList();
    }

    /** c * prod base^power as num/den, with the sign in front: "-3*x^2/(2*y)". */
    static Expr product(BigFraction c, List<Factor> factors) {
      if (factors.stream().allMatch(f -> f.power() == 0)) {
        return new Expr.Num(c);
      }
      List<Expr> num = new ArrayList<>();
      List<Expr> den = new ArrayList<>();
      BigInteger p = c.getNumerator().abs();
      BigInteger q = c.getDenominator().abs();
      if (!p.equals(BigInteger.ONE) || factors.stream().noneMatch(f -> f.power() > 0)) {
        num.add(new Expr.Num(BigFraction.of(p)));
      }
      if (!q.equals(BigInteger.ONE)) {
        den.add(new Expr.Num(BigFraction.of(q)));
      }
      for (Factor f : factors) {
        if (f.power() != 0) {
          Expr power = Math.abs(f.power()) == 1 ? f.base() : Expr.pow(f.base(), Math.abs(f.power()));
          (f.power() > 0 ? num : den).add(power);
        }
      }
      Expr n = num.size() == 1 ? num.get(0) : new Expr.Mul(num);
      Expr r = den.isEmpty() ? n : Expr.div(n, den.size() == 1 ? den.get(0) : new Expr.Mul(den));
      return c.signum() < 0 ? new Expr.Neg(r) : r;
    }
  }

  /** Symja's Simplify. */
  public Expr simplify(Expr e) {
    return simplify(e, DEFAULT_BUDGET);
  }

  public synchronized Expr simplify(Expr e, Duration budget) {
    return transform(e, F::Simplify, budget);
  }

  /** Products and integer powers multiplied out (Symja's ExpandAll). */
  public Expr expand(Expr e) {
    return expand(e, DEFAULT_BUDGET);
  }

  public synchronized Expr expand(Expr e, Duration budget) {
    return transform(e, F::ExpandAll, budget);
  }

  /** One fraction num/den with common factors cancelled (Symja's Together). */
  public Expr together(Expr e) {
    return together(e, DEFAULT_BUDGET);
  }

  public synchronized Expr together(Expr e, Duration budget) {
    return transform(e, F::Together, budget);
  }

  /** The factorisation over the rationals of the one-fraction form of e (Symja's Factor). */
  public Factorization factor(Expr e) {
    return factor(e, DEFAULT_BUDGET);
  }

  public synchronized Factorization factor(Expr e, Duration budget) {
    return call("Factor", budget, y -> {
      SymjaTranslation.Session s = y.translation.newSession();
      return s.factorization(y.eval(F.Factor(F.Together(s.toSymja(e))), "Factor"));
    });
  }

  /** Whether Symja reduces e to 0 (Together, then Simplify if needed). Unverified: check it. */
  public boolean simplifiesToZero(Expr e) {
    return simplifiesToZero(e, DEFAULT_BUDGET);
  }

  public synchronized boolean simplifiesToZero(Expr e, Duration budget) {
    Expr t = transform(e, F::Together, budget);
    return Exprs.isZero(t) || Exprs.isZero(transform(t, F::Simplify, budget));
  }

  /**
   * The determinant of a square matrix, multiplied out: up to 6x6 the Laplace expansion along rows
   * (zero entries skipped), then Symja's ExpandAll; Symja's own Det, used above that, was far
   * slower on symbolic 4x4 matrices (over 4 s against about 0.1 s). Both are under the budget.
   */
  public Expr determinant(List<List<Expr>> matrix) {
    return determinant(matrix, DEFAULT_BUDGET);
  }

  public Expr determinant(List<List<Expr>> matrix, Duration budget) {
    for (List<Expr> row : matrix) {
      if (row.size() != matrix.size()) {
        throw new IllegalArgumentException("the determinant needs a square matrix");
      }
    }
    if (matrix.size() > MAX_LAPLACE) {
      return symjaDeterminant(matrix, budget);
    }
    List<Integer> columns = new ArrayList<>();
    for (int j = 0; j < matrix.size(); j++) {
      columns.add(j);
    }
    return expand(laplace(matrix, 0, columns), budget);
  }

  private synchronized Expr symjaDeterminant(List<List<Expr>> matrix, Duration budget) {
    return call("Det", budget, y -> {
      SymjaTranslation.Session s = y.translation.newSession();
      org.matheclipse.core.interfaces.IASTAppendable rows = F.ListAlloc(matrix.size());
      for (List<Expr> row : matrix) {
        org.matheclipse.core.interfaces.IASTAppendable r = F.ListAlloc(row.size());
        row.forEach(x -> r.append(s.toSymja(x)));
        rows.append(r);
      }
      return s.fromSymja(y.eval(F.ExpandAll(F.Det(rows)), "Det"));
    });
  }

  /** det of the rows from {@code row} on, restricted to {@code columns}. */
  private static Expr laplace(List<List<Expr>> m, int row, List<Integer> columns) {
    if (columns.isEmpty()) {
      return Exprs.ONE;
    }
    List<Expr> terms = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      Expr entry = Exprs.simplify(m.get(row).get(columns.get(k)));
      if (Exprs.isZero(entry)) {
        continue;
      }
      List<Integer> rest = new ArrayList<>(columns);
      rest.remove(k);
      Expr minor = laplace(m, row + 1, rest);
      if (Exprs.isZero(minor)) {
        continue;
      }
      Expr term = Expr.mul(entry, minor);
      terms.add(k % 2 == 0 ? term : new Expr.Neg(term));
    }
    return terms.isEmpty() ? Exprs.ZERO : Exprs.simplify(new Expr.Add(terms));
  }

  /** LaTeX for e as written (no simplification), in the papers' notation. */
  public String latex(Expr e) {
    return LatexPrinter.print(e);
  }

  private Expr transform(Expr e, Function<IExpr, IAST> operation, Duration budget) {
    String what = operation.apply(F.C0).head().toString();
    return call(what, budget, y -> {
      SymjaTranslation.Session s = y.translation.newSession();
      return s.fromSymja(y.eval(operation.apply(s.toSymja(e)), what));
    });
  }

  /**
   * Runs {@code work} in Symja's thread and waits for it at most {@code budget}; Symja's own
   * failures become ours. On overrun, or when the caller is interrupted, the call is abandoned
   * (see the class comment) and throws {@link SymbolicException.Timeout}; the caller's interrupt
   * flag stays set.
   */
  private <T> T call(String what, Duration budget, Function<Symja, T> work) {
    if (Thread.currentThread().isInterrupted()) {
      throw new SymbolicException.Timeout("Symja's " + what + " not started: the caller was"
          + " interrupted");
    }
    Symja y = symja;
    y.engine.setStopRequested(false);
    Future<T> answer = y.thread.submit(() -> work.apply(y));
    try {
      return answer.get(budget.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandon(y, answer);
      throw new SymbolicException.Timeout("Symja's " + what + " ran over its budget of "
          + budget.toMillis() + " ms");
    } catch (InterruptedException e) {
      abandon(y, answer);
      Thread.currentThread().interrupt();
      throw new SymbolicException.Timeout("Symja's " + what + " was abandoned: the caller was"
          + " interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SymbolicException se) {
        throw se;
      }
      if (cause instanceof RuntimeException || cause instanceof StackOverflowError
          || cause instanceof OutOfMemoryError) {
        if (cause instanceof OutOfMemoryError) {
          abandon(y, answer); // its state is not to be trusted any more
        }
        throw new SymbolicException("Symja failed in " + what + ": " + cause, cause);
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Stops the engine's call as far as Symja lets it and hands later calls to a fresh engine. */
  private void abandon(Symja y, Future<?> answer) {
    y.engine.stopRequest();
    answer.cancel(true);
    y.thread.shutdown();
    symja = new Symja();
  }
}
