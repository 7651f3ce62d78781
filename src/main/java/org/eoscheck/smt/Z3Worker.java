package org.eoscheck.smt;

import com.microsoft.z3.AlgebraicNum;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntNum;
import com.microsoft.z3.Model;
import com.microsoft.z3.Params;
import com.microsoft.z3.RatNum;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import com.microsoft.z3.Version;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.SmtOracle;

/**
 * A Z3 worker process: answers the queries of {@link Z3Processes} over stdin/stdout with the
 * {@link WorkerProtocol}, one fresh Z3 {@link Context} per query, so no query sees another's state.
 *
 * <p>It exists because Z3 may ignore its own timeout (and {@code interrupt()}) on hard nonlinear
 * queries (Z3 issues #5568, #7607): a process can always be killed. As a second line of defence the
 * worker halts itself when a query runs past the halt time its parent gives, and exits when its
 * parent process dies.
 */
public final class Z3Worker {
  /** Decimal digits of the rational approximations of algebraic model values. */
  static final int ALGEBRAIC_DIGITS = 30;
  /** Stack of the solving thread: Z3 recurses on deep terms. */
  private static final long SOLVER_STACK_BYTES = 256L << 20;

  private static final Pattern DECLARATION = Pattern.compile(
      "\\(\\s*declare-(?:fun\\s+(\\|[^|]*\\||[^\\s()|]+)\\s*\\(\\s*\\)|const\\s+(\\|[^|]*\\||[^\\s()|]+))"
          + "\\s+(Real|Int)\\s*\\)");

  private Z3Worker() {}

  public static void main(String[] args) throws Exception {
    PrintStream protocol =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err); // stray prints must not corrupt the protocol
    ProcessHandle.current().parent()
        .ifPresent(p -> p.onExit().thenRun(() -> System.exit(3))); // exit hooks delete the natives
    String version;
    try {
      version = "Z3 " + Version.getMajor() + "." + Version.getMinor() + "." + Version.getBuild();
    } catch (Throwable t) { // natives missing or unloadable
      send(protocol, List.of(WorkerProtocol.FAILED + " " + WorkerProtocol.oneLine(t.toString())));
      System.exit(1);
      return;
    }
    send(protocol, List.of(WorkerProtocol.READY + " " + version));
    InputStream in = new BufferedInputStream(System.in);
    WorkerProtocol.Query q;
    while ((q = WorkerProtocol.readQuery(in)) != null) {
      send(protocol, solveWithin(q));
    }
  }

  private static void send(PrintStream out, List<String> lines) {
    for (String line : lines) {
      out.print(WorkerProtocol.PREFIX);
      out.print(line);
      out.print('\n');
    }
    out.flush();
  }

  /** Solves on a thread with a large stack; halts the process if Z3 overruns by too much. */
  private static List<String> solveWithin(WorkerProtocol.Query q) throws InterruptedException {
    AtomicReference<List<String>> reply = new AtomicReference<>();
    Thread t = new Thread(null, () -> reply.set(solve(q.script(), q.z3TimeoutMillis())), "z3",
        SOLVER_STACK_BYTES);
    t.setDaemon(true);
    t.start();
    t.join(Math.max(1, q.haltMillis()));
    if (t.isAlive()) {
      Runtime.getRuntime().halt(4);
    }
    List<String> r = reply.get();
    return r != null ? r : WorkerProtocol.error("solver thread died");
  }

  /** Solves one script in a fresh context; {@code timeoutMillis} 0 means no Z3 timeout. */
  static List<String> solve(String script, long timeoutMillis) {
    try (Context ctx = new Context()) {
      BoolExpr[] assertions = ctx.parseSMTLIB2String(script, null, null, null, null);
      Solver solver = ctx.mkSolver("QF_NRA");
      if (timeoutMillis > 0) {
        Params params = ctx.mkParams();
        params.add("timeout", (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        solver.setParameters(params);
      }
      solver.add(assertions);
      Status status = solver.check();
      if (status == Status.UNSATISFIABLE) {
        return WorkerProtocol.unsat();
      }
      if (status == Status.UNKNOWN) {
        String why = solver.getReasonUnknown();
        boolean timeout = why != null && (why.contains("timeout") || why.contains("canceled"));
        return WorkerProtocol.unknown(timeout ? SmtOracle.Unknown.BUDGET + " (Z3 timeout)" : "z3: " + why);
      }
      return model(ctx, solver.getModel(), script);
    } catch (RuntimeException | StackOverflowError e) { // Z3Exception, parse errors
      return WorkerProtocol.error(e.toString());
    }
  }

  /**
   * The value of every declared Real or Int constant of the script: exact, or a rational within
   * 10^-{@value #ALGEBRAIC_DIGITS} of an irrational algebraic value.
   */
  private static List<String> model(Context ctx, Model m, String script) {
    Map<String, BigFraction> values = new LinkedHashMap<>();
    Matcher d = DECLARATION.matcher(script);
    while (d.find()) {
      String symbol = d.group(1) != null ? d.group(1) : d.group(2);
      String name = symbol.startsWith("|") ? symbol.substring(1, symbol.length() - 1) : symbol;
      Expr<?> c = d.group(3).equals("Real") ? ctx.mkRealConst(name) : ctx.mkIntConst(name);
      Expr<?> v = m.eval(c, true);
      if (v instanceof RatNum r) {
        values.put(name, BigFraction.of(r.getBigIntNumerator(), r.getBigIntDenominator()));
      } else if (v instanceof IntNum i) {
        values.put(name, BigFraction.of(i.getBigInteger()));
      } else if (v instanceof AlgebraicNum a) {
        RatNum r = a.toLower(ALGEBRAIC_DIGITS);
        values.put(name, BigFraction.of(r.getBigIntNumerator(), r.getBigIntDenominator()));
      } else {
        return WorkerProtocol.error("no numeric model value for " + name + ": " + v);
      }
    }
    return WorkerProtocol.sat(values);
  }
}
