package org.eoscheck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.Statement;
import org.eoscheck.smt.Z3Processes;

/**
 * Benchmark baseline (not a test): Z3 alone on lemmas. For each proof log (written by
 * {@code check --log}), reads its header, builds the kernel's monolithic refutation query of
 * every claim over the whole root box with {@link Statement#refutationQuery}, and runs each
 * through one Z3 worker process with the given cap (a worker that overruns it is killed and the
 * next query gets a fresh one). A lemma counts as proved by Z3 alone only if every claim's query
 * is {@code unsat}; the cap is shared by the lemma's claims, in order, and the first claim that
 * is not unsat ends that lemma.
 *
 * <p>Usage: {@code MonolithicZ3 SECONDS LOG...}. Prints one JSON object per log: the log, the
 * answer ("unsat" when every claim is unsat, else "sat" if some claim is sat, else "unknown"),
 * the wall-clock seconds of the queries (worker start excluded: the pool is started and warmed
 * first), and the answer and seconds per claim.
 */
public final class MonolithicZ3 {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonolithicZ3() {}

  public static void main(String[] args) throws Exception {
    Duration cap = Duration.ofMillis(Math.round(Double.parseDouble(args[0]) * 1000));
    try (Z3Processes z3 = new Z3Processes(1)) {
      z3.prestart();
      z3.version(); // waits for the worker, so its start-up is not timed
      for (int i = 1; i < args.length; i++) {
        System.out.println(lemma(z3, Path.of(args[i]), cap));
      }
    }
    System.exit(0);
  }

  /** One lemma's JSON line. */
  private static String lemma(Z3Processes z3, Path log, Duration cap) throws Exception {
    ProofLog.Header header = ProofLogReader.read(log).header();
    Statement statement = Statement.of(header);
    StringBuilder claims = new StringBuilder();
    boolean allUnsat = true;
    boolean anySat = false;
    double total = 0;
    for (int k = 0; k < header.claims().size(); k++) {
      String query = statement.refutationQuery(k, header.root());
      long start = System.nanoTime();
      SmtOracle.Answer answer = z3.decide(query, cap.minusMillis(Math.round(total * 1000)));
      double seconds = (System.nanoTime() - start) / 1e9;
      total += seconds;
      String name = answer instanceof SmtOracle.Unsat ? "unsat"
          : answer instanceof SmtOracle.Sat ? "sat" : "unknown";
      allUnsat &= name.equals("unsat");
      anySat |= name.equals("sat");
      String reason = answer instanceof SmtOracle.Unknown u ? u.reason() : "";
      if (k > 0) {
        claims.append(',');
      }
      claims.append(String.format(Locale.ROOT,
          "{\"claim\":%d,\"answer\":\"%s\",\"seconds\":%.3f,\"reason\":%s}",
          k, name, seconds, JSON.writeValueAsString(reason)));
      if (!name.equals("unsat")) {
        break; // the lemma is not proved by Z3 alone; the cap is for the lemma as a whole
      }
    }
    String verdict = allUnsat ? "unsat" : anySat ? "sat" : "unknown";
    return String.format(Locale.ROOT, "{\"log\":%s,\"answer\":\"%s\",\"seconds\":%.3f,\"claims\":[%s]}",
        JSON.writeValueAsString(log.toString()), verdict, total, claims);
  }
}
