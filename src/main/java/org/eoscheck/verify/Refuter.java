package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.interval.Interval;

/**
 * Looks for counterexamples in a box and hands each candidate point to the {@link PointCertifier}
 * (the kernel); only a certified point is ever returned. Candidates come from the named sources
 * of {@link CandidatePoints} (all of them on the boxes a run starts from, the cheap ones on every
 * box) and from pseudo-random points seeded by the box path, so runs are reproducible.
 *
 * <p>A simple candidate (small denominators, roots, symmetric points, Z3 models) goes to the
 * kernel unless double interval arithmetic at the point already shows it is none: a hypothesis
 * certainly fails there, or the claim is certainly defined and true. Equality cases (the claim
 * fails exactly at the point) and undefined claims pass this test and are decided by the
 * kernel's exact arithmetic. Other points (samples, centres of deep boxes) go to the kernel only
 * where double intervals show the claim failing, or possibly undefined: near a tight set they
 * would cost a high-precision evaluation each for nothing. Points the kernel rejected are
 * remembered (up to a bound) and not judged twice.
 */
final class Refuter {
  private static final int GRID = 1 << 20;
  /**
   * Kernel judgements at most for all the sources on one box (before the costly provers, and
   * after them), and for one box's quick search; points judged before are not judged again.
   */
  static final int EARLY_JUDGEMENTS = 8;
  static final int START_JUDGEMENTS = 48;
  static final int BOX_JUDGEMENTS = 4;
  private static final int REMEMBERED = 100_000;
  /** How long past its deadline a certification of a trajectory's point may take. */
  private static final java.time.Duration GRACE = java.time.Duration.ofSeconds(2);

  private final Problem problem;
  private final Enclosures enclosures;
  private final PointCertifier certifier;
  private final CandidatePoints candidates;
  private final Set<List<Object>> rejected = ConcurrentHashMap.newKeySet();
  private final AtomicInteger judgements = new AtomicInteger();
  /** The trajectory source, built on first use (empty: the lemma has none). */
  private Optional<TrajectoryCandidates> trajectories;

  Refuter(Problem problem, Enclosures enclosures, PointCertifier certifier) {
    this.problem = problem;
    this.enclosures = enclosures;
    this.certifier = certifier;
    this.candidates = new CandidatePoints(problem);
  }

  /** The lemma's trajectory source ({@link TrajectoryCandidates}), if it has one. */
  synchronized Optional<TrajectoryCandidates> trajectorySource() {
    if (trajectories == null) {
      trajectories = TrajectoryCandidates.of(problem, new Margins(problem));
    }
    return trajectories;
  }

  /**
   * What the trajectories found: the certified counterexample (with the iterate it came from),
   * and the runs.
   */
  record FromTrajectories(Optional<Counterexample> counterexample,
      Optional<TrajectoryCandidates.Candidate> candidate, TrajectoryCandidates.Runs runs) {}

  /**
   * Runs the trajectory source in {@code box} (anchors: near-violating box points, may be empty)
   * and judges its worst iterates, each at its exact points, by the kernel at full precision, at
   * most {@code budget} judgements and none started after {@code until}; empty where the lemma
   * has no trajectory source.
   */
  Optional<FromTrajectories> trajectories(Box box, List<Goal> goals,
      TrajectoryCandidates.Settings settings, List<double[]> anchors, Deadline until, int budget) {
    Optional<TrajectoryCandidates> source = trajectorySource();
    if (source.isEmpty() || settings.trajectories() == 0) {
      return Optional.empty();
    }
    TrajectoryCandidates t = source.get();
    TrajectoryCandidates.Runs runs = t.run(box, settings, anchors, until);
    int[] left = {budget};
    for (TrajectoryCandidates.Candidate c : runs.candidates()) {
      Goal goal = goals.stream().filter(g -> g.index() == c.score().claim()).findFirst()
          .orElse(null);
      if (goal == null) {
        continue;
      }
      for (List<BigFraction> point : t.exactPoints(box, c.x())) {
        if (left[0] <= 0 || until.passed() && left[0] < budget) {
          return Optional.of(new FromTrajectories(Optional.empty(), Optional.empty(), runs));
        }
        Optional<Counterexample> cx;
        try {
          // an exact evaluation of a deep model can take long: never past the grace
          cx = until.plus(GRACE).run("certification",
              () -> judge(point, goal, t.source(c), Judgement.PRECISE, left));
        } catch (Deadline.Exceeded e) {
          return Optional.of(new FromTrajectories(Optional.empty(), Optional.empty(), runs));
        } catch (org.eoscheck.EoscheckException impossible) {
          throw new IllegalStateException(impossible);
        }
        if (cx.isPresent()) {
          return Optional.of(new FromTrajectories(cx, Optional.of(c), runs));
        }
      }
    }
    return Optional.of(new FromTrajectories(Optional.empty(), Optional.empty(), runs));
  }

  /**
   * How a candidate is judged: SIMPLE points (exact or hopeless) go to the kernel unless double
   * intervals rule them out, at its default precision; SAMPLES only where double intervals show
   * a violation, at every precision; PRECISE points (iterates violating in double, possibly on an
   * equation's set exactly) as simple ones, at every precision.
   */
  enum Judgement { SIMPLE, SAMPLE, PRECISE }

  /** Points submitted to the kernel so far. */
  int judgements() {
    return judgements.get();
  }

  /**
   * Every candidate source on {@code box} (anchors: points found near violations, for the
   * rational-roots source), at most {@code budget} kernel judgements.
   */
  Optional<Counterexample> candidates(Box box, Goal goal, List<List<BigFraction>> anchors,
      int budget) {
    return first(candidates.all(box.finite(), anchors), goal, budget);
  }

  /** The rational roots through {@code anchors} (the others at the anchors' values). */
  Optional<Counterexample> roots(Box box, Goal goal, List<List<BigFraction>> anchors, int budget) {
    return first(candidates.roots(box.finite(), anchors), goal, budget);
  }

  /** The quick candidates of an undecided box, then {@code samples} pseudo-random points. */
  Optional<Counterexample> search(Box unbounded, Goal goal, int samples) {
    Box box = unbounded.finite(); // far-out points stand in for infinite ends
    List<CandidatePoints.Candidate> points = new ArrayList<>(candidates.quick(box));
    SplittableRandom random = new SplittableRandom(box.path().hashCode() * 31L + goal.index());
    for (int s = 0; s < samples; s++) {
      List<BigFraction> point = new ArrayList<>();
      for (int i = 0; i < box.dimension(); i++) {
        BigFraction t = BigFraction.of(random.nextInt(GRID + 1), GRID);
        point.add(box.lo().get(i).add(box.width(i).multiply(t)));
      }
      points.add(new CandidatePoints.Candidate("sampling", point, false));
    }
    return first(points, goal, BOX_JUDGEMENTS);
  }

  /**
   * A certified point of a box on which the double enclosures show every hypothesis holding and
   * the claim defined and failing ({@link #violated}): its simplest point, its centre. Any point
   * of such a box is a counterexample; the kernel re-checks the one reported.
   */
  Optional<Counterexample> inViolatedBox(Box box, Goal goal) {
    if (!violated(goal, Enclosures.intervals(box))) {
      return Optional.empty();
    }
    List<CandidatePoints.Candidate> quick = candidates.quick(box.finite());
    return first(quick.subList(0, Math.min(2, quick.size())), goal, 2)
        .map(c -> c.from("a box where the claim certainly fails"));
  }

  private Optional<Counterexample> first(List<CandidatePoints.Candidate> points, Goal goal,
      int budget) {
    int[] left = {budget};
    for (CandidatePoints.Candidate c : points) {
      if (left[0] <= 0) {
        break;
      }
      Optional<Counterexample> cx = judge(c.point(), goal, c.source(),
          c.simple() ? Judgement.SIMPLE : Judgement.SAMPLE, left);
      if (cx.isPresent()) {
        return cx;
      }
    }
    return Optional.empty();
  }

  /** The certified counterexample at {@code point}, if it is one; {@code source} names it. */
  Optional<Counterexample> tryPoint(List<BigFraction> point, Goal goal, String source) {
    return judge(point, goal, source, Judgement.SIMPLE, new int[] {1});
  }

  private Optional<Counterexample> judge(List<BigFraction> point, Goal goal, String source,
      Judgement how, int[] budget) {
    Interval[] x = new Interval[point.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = Interval.of(point.get(i));
    }
    List<Object> key = List.of(goal.index(), point);
    boolean worth = how == Judgement.SAMPLE ? failsAt(goal, x, false) : possiblyViolated(goal, x);
    if (!worth || rejected.contains(key)) {
      return Optional.empty();
    }
    budget[0]--;
    judgements.incrementAndGet();
    Map<String, BigFraction> named = new LinkedHashMap<>();
    for (int i = 0; i < point.size(); i++) {
      named.put(problem.variables().get(i), point.get(i));
    }
    // simple points: exact or hopeless at the default precision; samples: more digits too
    Optional<Counterexample> c = how == Judgement.SIMPLE
        ? certifier.certifyQuickly(goal.index(), named)
        : certifier.certify(goal.index(), named);
    if (c.isEmpty() && rejected.size() < REMEMBERED) {
      rejected.add(key);
    }
    return c.map(found -> found.from(source));
  }

  /**
   * Whether the point x may be a counterexample: no hypothesis certainly fails there, and the
   * claim is not certainly defined and true there.
   */
  boolean possiblyViolated(Goal goal, Interval[] x) {
    return failsAt(goal, x, true);
  }

  /**
   * At a point x (natural enclosures suffice there): if {@code possibly}, whether no hypothesis
   * certainly fails and the claim is not certainly defined and true; else whether no hypothesis
   * certainly fails and the claim is possibly undefined, or every hypothesis certainly holds and
   * the claim is certainly defined and false.
   */
  private boolean failsAt(Goal goal, Interval[] x, boolean possibly) {
    boolean hold = true;
    for (int j = 0; j < enclosures.hypothesisCount(); j++) {
      Interval h = enclosures.naturalHypothesis(j, x);
      boolean strict = problem.hypotheses().get(j).strict();
      if (strict ? h.hi() <= 0 : h.hi() < 0) {
        return false;
      }
      hold &= strict ? h.certainlyPositive() : h.certainlyNonNegative();
    }
    if (!enclosures.definedDifference(goal.index(), x)) {
      return true;
    }
    if (!possibly && !hold) {
      return false;
    }
    Interval f = enclosures.naturalDifference(goal.index(), x);
    if (goal.claim().equation()) {
      return possibly ? !(f.lo() == 0 && f.hi() == 0)
          : f.certainlyPositive() || f.certainlyNegative();
    }
    if (goal.claim().strict()) {
      return possibly ? !f.certainlyPositive() : f.certainlyNonPositive();
    }
    return possibly ? !f.certainlyNonNegative() : f.certainlyNegative();
  }

  /** Every hypothesis certainly holds on x, the claim is defined there and certainly fails. */
  boolean violated(Goal goal, Interval[] x) {
    for (int j = 0; j < enclosures.hypothesisCount(); j++) {
      Interval h = enclosures.hypothesis(j, x);
      boolean holds = problem.hypotheses().get(j).strict() ? h.certainlyPositive()
          : h.certainlyNonNegative();
      if (!holds) {
        return false;
      }
    }
    if (!enclosures.defined(goal.index(), x)) {
      return false;
    }
    Interval f = enclosures.difference(goal.index(), x);
    if (goal.claim().equation()) {
      return f.certainlyPositive() || f.certainlyNegative();
    }
    return goal.claim().strict() ? f.certainlyNonPositive() : f.certainlyNegative();
  }
}
