package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.simulate.Method;
import org.junit.jupiter.api.Test;

/**
 * The trajectory source: GD's iterates refute a stability claim on the minimiser manifold
 * prod(theta) == 1 (a set sampling never meets) at a point the kernel certifies and an exact
 * computation confirms; true lemmas are never refuted; same seed, same candidates whatever the
 * number of threads; runs that diverge are counted, not certified.
 */
class TrajectoryCandidatesTest {
  /**
   * Every minimiser of the depth-4 chain in [4/5, 6/5]^4 is linearly stable for eta < 1/2 = 2/D:
   * eta sum_i 1/w_i^2 <= 2 (false: only nearly balanced ones are); {@code claim} replaces it.
   */
  private static String stability(String claim) {
    return "name: stability\nmodel: scalar\ndepth: 4\nvariables:\n  w1: [4/5, 6/5]\n"
        + "  w2: [4/5, 6/5]\n  w3: [4/5, 6/5]\n  w4: [4/5, 6/5]\n  eta: [47/100, 1/2]\n"
        + "assume:\n  - prod(theta) == 1\n  - eta < 1/2\nclaim: " + claim + "\n";
  }

  private static final String UNSTABLE = "eta*(1/w1^2 + 1/w2^2 + 1/w3^2 + 1/w4^2) <= 2";
  /** AM-GM on prod(theta) = 1: true. */
  private static final String AM_GM = "1/w1^2 + 1/w2^2 + 1/w3^2 + 1/w4^2 >= 4";

  private static List<Goal> goals(Problem p) {
    List<Goal> goals = new ArrayList<>();
    for (int k = 0; k < p.claims().size(); k++) {
      goals.add(Goal.unreduced(k, p.claims().get(k)));
    }
    return goals;
  }

  private static Refuter refuter(Problem p) {
    return new Refuter(p, new Enclosures(p, goals(p)), Certificates.certifier(p));
  }

  private static Optional<Refuter.FromTrajectories> follow(Problem p, int runs, int steps) {
    return refuter(p).trajectories(p.root(), goals(p),
        new TrajectoryCandidates.Settings(runs, steps, 1, 1), List.of(),
        Deadline.after(Duration.ofSeconds(60)), 8);
  }

  private static TrajectoryCandidates source(Problem p) {
    return TrajectoryCandidates.of(p, new Margins(p)).orElseThrow();
  }

  @Test
  void trajectoriesRefuteAStabilityClaimOnTheMinimiserManifold() throws Exception {
    Problem p = CounterexampleSearchTest.problem(stability(UNSTABLE));
    Refuter.FromTrajectories r = follow(p, 16, 40).orElseThrow();
    Counterexample c = r.counterexample().orElseThrow();
    assertTrue(c.source().startsWith("trajectory "), c.source());
    // exactly on the manifold, and unstable there by exact arithmetic of our own
    Map<String, BigFraction> x = c.point();
    BigFraction pi = BigFraction.ONE;
    BigFraction sharpness = BigFraction.ZERO;
    for (String w : List.of("w1", "w2", "w3", "w4")) {
      pi = pi.multiply(x.get(w));
      sharpness = sharpness.add(x.get(w).pow(-2));
    }
    assertEquals(BigFraction.ONE, pi);
    assertTrue(x.get("eta").compareTo(BigFraction.of(1, 2)) < 0);
    assertTrue(x.get("eta").multiply(sharpness).compareTo(BigFraction.of(2)) > 0);
  }

  /**
   * Near the minimisers of the depth-4 chain (0 < |pi - 1| <= sqrt(2) 10^-6), one GD step does
   * not raise the loss: false beside the minimisers with eta sum_i 1/w_i^2 > 2. The shell has an
   * irrational boundary, so no exact root lands in it and only the runs meet it.
   */
  private static final String NEAR_MINIMISERS = "name: near\nmodel: scalar\ndepth: 4\n"
      + "variables:\n  w1: [4/5, 6/5]\n  w2: [4/5, 6/5]\n  w3: [4/5, 6/5]\n  w4: [4/5, 6/5]\n"
      + "  eta: [47/100, 499/1000]\nassume:\n  - (prod(theta) - 1)^2 > 0\n"
      + "  - (prod(theta) - 1)^2 <= 2/10^12\n"
      + "claim: (residual(gd(theta))/residual(theta))^2 <= 1\n";

  @Test
  void checksRefuterFallsBackOnTrajectoriesWhereNoOtherSourceReaches() throws Exception {
    Problem p = CounterexampleSearchTest.problem(NEAR_MINIMISERS);
    List<Goal> goals = goals(p);
    Enclosures enclosures = new Enclosures(p, goals);
    Refuter refuter = new Refuter(p, enclosures, Certificates.certifier(p));
    // no trajectory: the root box's candidate sources find nothing
    for (Goal g : goals) {
      assertTrue(refuter.candidates(p.root(), g, List.of(), Refuter.START_JUDGEMENTS).isEmpty());
    }
    CheckOptions o = CheckOptions.defaults().withZ3(false).withTimeLimit(Duration.ofSeconds(60));
    BranchAndBound bb = new BranchAndBound(p, goals, enclosures,
        List.of(), refuter, o, // no prover: only the refuter's sources decide boxes
        Deadline.after(Duration.ofSeconds(60)), RunLog.none(p), Progress.NONE, Map.of(), Map.of());
    BranchAndBound.Outcome out = bb.run(List.of(p.root()));
    assertFalse(out.counterexamples().isEmpty());
    Counterexample c = out.counterexamples().get(0);
    assertTrue(c.source().startsWith("trajectory "), c.source());
  }

  @Test
  void theKernelRejectsTheIterateOffTheManifold() throws Exception {
    // The same iterate as the run rounds it, without solving prod(theta) = 1 for one variable:
    // the equation fails exactly, so the point refutes nothing.
    Problem p = CounterexampleSearchTest.problem(stability(UNSTABLE));
    TrajectoryCandidates t = source(p);
    TrajectoryCandidates.Candidate best = t.run(p.root(),
        new TrajectoryCandidates.Settings(16, 40, 1, 1), List.of(),
        Deadline.after(Duration.ofSeconds(60))).candidates().get(0);
    Margins m = new Margins(p);
    List<BigFraction> rounded = m.roundings(best.x()).get(1);
    assertTrue(Certificates.certifier(p).certify(0, m.named(rounded)).isEmpty());
    List<List<BigFraction>> exact = t.exactPoints(p.root(), best.x());
    assertFalse(exact.isEmpty());
    assertTrue(Certificates.certifier(p).certify(0, m.named(exact.get(0))).isPresent());
  }

  @Test
  void trueLemmasAreNeverRefuted() throws Exception {
    Problem amGm = CounterexampleSearchTest.problem(stability(AM_GM));
    assertTrue(follow(amGm, 16, 40).orElseThrow().counterexample().isEmpty());
    // phi(gd(theta)) <= phi(theta) under the sufficient condition, depth 3
    Problem depth3 = CounterexampleSearchTest.problem(
        Path.of("theorems/kreisler2023/depth3-sufficient-condition.yaml"));
    Refuter.FromTrajectories r = follow(depth3, 24, 100).orElseThrow();
    assertTrue(r.runs().feasible() > 0, "the runs met the hypotheses");
    assertTrue(r.counterexample().isEmpty());
  }

  @Test
  void sameSeedSameCandidatesWhateverTheThreads() throws Exception {
    Problem p = CounterexampleSearchTest.problem(stability(UNSTABLE));
    TrajectoryCandidates t = source(p);
    Deadline later = Deadline.after(Duration.ofSeconds(60));
    List<String> one = describe(t.run(p.root(), new TrajectoryCandidates.Settings(12, 30, 5, 1),
        List.of(), later));
    List<String> two = describe(t.run(p.root(), new TrajectoryCandidates.Settings(12, 30, 5, 2),
        List.of(), later));
    List<String> other = describe(t.run(p.root(), new TrajectoryCandidates.Settings(12, 30, 6, 2),
        List.of(), later));
    assertFalse(one.isEmpty());
    assertEquals(one, two);
    assertNotEquals(one, other);
  }

  private static List<String> describe(TrajectoryCandidates.Runs r) {
    return r.candidates().stream()
        .map(c -> c.trajectory() + "@" + c.step() + Arrays.toString(c.x())).toList();
  }

  @Test
  void runsThatDivergeAreCountedNeverCertified() throws Exception {
    // GD on x^4 with eta = 10 from [1, 2]: x+ = x - 40 x^3 blows up from every start.
    Problem p = CounterexampleSearchTest.problem("name: quartic\nmodel: custom\nparams: [x]\n"
        + "loss: x^4\nvariables:\n  x: [1, 2]\n  eta: 10\nclaim: loss(gd(theta)) >= 0\n");
    TrajectoryCandidates.Runs r = source(p).run(p.root(),
        new TrajectoryCandidates.Settings(8, 50, 1, 1), List.of(),
        Deadline.after(Duration.ofSeconds(60)));
    assertEquals(8, r.runs());
    assertEquals(8, r.diverged());
    assertTrue(r.candidates().isEmpty()); // the claim holds wherever it is defined
    assertEquals(8, r.inBox()); // only the starts lie in the box; no NaN iterate is kept
  }

  @Test
  void theMethodIsTheOneTheLemmaSpeaksOf() throws Exception {
    String quadratic = "name: q\nmodel: custom\nparams: [x, y]\nloss: (x^2 + 2*y^2)/2\n"
        + "variables:\n  x: [1/2, 1]\n  y: [1/2, 1]\n  eta: [1/100, 1/10]\nclaim: ";
    assertEquals(Method.GD, TrajectoryCandidates.methodOf(LemmaLoader.parse(
        quadratic + "loss(gd(theta)) <= loss(theta)\n", "q.yaml")));
    assertEquals(Method.NGD, TrajectoryCandidates.methodOf(LemmaLoader.parse(
        quadratic + "loss(ngd(theta)) <= loss(theta)\n", "q.yaml")));
    assertEquals(Method.SQRTGD, TrajectoryCandidates.methodOf(LemmaLoader.parse(
        quadratic + "loss(sqrtgd(theta)) <= loss(theta)\n", "q.yaml")));
  }

  @Test
  void searchWithTrajectoriesIsReproducibleWhateverTheThreads() throws Exception {
    Problem p = CounterexampleSearchTest.problem(stability(UNSTABLE));
    List<String> found = new ArrayList<>();
    for (int jobs : new int[] {1, 2}) {
      CounterexampleSearch.Result r = CounterexampleSearch.search(p,
          new CounterexampleSearch.Options(2_000, 3, Duration.ofSeconds(60), null,
              new TrajectoryCandidates.Settings(32, 40, 3, jobs)));
      Counterexample c = r.counterexample().orElseThrow();
      assertTrue(c.source().startsWith("trajectory "), c.source());
      found.add(c.source() + " " + c.point() + " " + r.trajectories().start());
    }
    assertEquals(found.get(0), found.get(1));
  }
}
