package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.interval.Interval;

/**
 * The branch-and-bound search. Each box is decided on its own: vacuous if a hypothesis certainly
 * fails; proved if every claim is closed by a {@link Prover} (on the boxes the run starts from,
 * every candidate source of the {@link Refuter} is tried before the costly provers: corners,
 * small denominators, symmetric points, exact roots, where counterexamples are); refuted if
 * every hypothesis holds and a claim certainly fails on all of it (the kernel confirms the box
 * and certifies a point of it); otherwise searched for counterexamples and split in the variable
 * of largest smear (down to the minimum width), or left UNKNOWN. Decisions depend only on the
 * box, so the tree is the same whatever the number of threads (up to solver time-outs and the
 * time limit).
 *
 * <p>Time. Boxes taken up after the deadline are left unknown at once; boxes still being decided
 * {@link #GRACE} after it are left unknown by a closing sweep, and whatever their threads find
 * later is dropped. Each box's outcome (its leaf or split, with its children) is recorded whole
 * or not at all with respect to the sweep, so the log stays a tiling of the region and the
 * volumes add up to one.
 */
final class BranchAndBound {
  /** Pseudo-random points tried on an undecided box, after its simplest point and centre. */
  private static final int SAMPLES = 6;
  /** Runs and share of the time left of the trajectory fallback on a start box. */
  private static final int RUNS = 256;
  private static final double TRAJECTORY_SHARE = 0.25;
  /** How long past the deadline the boxes being decided may take before they are given up. */
  static final Duration GRACE = Duration.ofSeconds(1);

  private final Problem problem;
  private final List<Goal> goals;
  private final Enclosures enclosures;
  private final List<Prover> provers;
  private final Refuter refuter;
  private final CheckOptions options;
  private final LogSink log;
  private final Progress progress;
  private final Deadline deadline;
  private final AtomicLong boxes = new AtomicLong();
  private final AtomicReference<BigFraction> proved = new AtomicReference<>(BigFraction.ZERO);
  private final AtomicReference<BigFraction> refuted = new AtomicReference<>(BigFraction.ZERO);
  private final AtomicReference<BigFraction> unknown = new AtomicReference<>(BigFraction.ZERO);
  private final List<Counterexample> counterexamples = new ArrayList<>();
  private final BigFraction rootVolume;
  /** Resumed runs: finished leaves by path (status) and recorded splits by path (variable). */
  private final Map<String, ResumedLeaf> finished;
  private final Map<String, Integer> splits;
  /** Records of box outcomes share it; the closing sweep takes it alone. */
  private final ReadWriteLock recording = new ReentrantReadWriteLock();
  /** Set by the closing sweep (under the write lock): nothing is recorded after it. */
  private volatile boolean closed;
  /** Whether some box was left unknown because the time was up. */
  private final AtomicBoolean timeUp = new AtomicBoolean();
  /** The paths of the boxes the run starts from (the root, or this shard's pieces). */
  private final java.util.Set<String> starts = ConcurrentHashMap.newKeySet();
  /** Start boxes the trajectory fallback has run on (once each). */
  private final java.util.Set<String> followed = ConcurrentHashMap.newKeySet();

  /** What the run established; {@code cutShort} if the time limit left boxes open. */
  record Outcome(BigFraction proved, BigFraction refuted, BigFraction unknown, long boxes,
      List<Counterexample> counterexamples, boolean cutShort) {}

  /**
   * @param enclosures the problem's enclosures, or null if they could not be had in time: then
   *     every box is left unknown
   */
  BranchAndBound(Problem problem, List<Goal> goals, Enclosures enclosures, List<Prover> provers,
      Refuter refuter, CheckOptions options, Deadline deadline, LogSink log, Progress progress,
      Map<String, ResumedLeaf> finished, Map<String, Integer> splits) {
    this.problem = problem;
    this.goals = goals;
    this.enclosures = enclosures;
    this.provers = provers;
    this.refuter = refuter;
    this.options = options;
    this.log = log;
    this.progress = progress;
    this.finished = new ConcurrentHashMap<>(finished);
    this.splits = new ConcurrentHashMap<>(splits);
    this.rootVolume = problem.root().volume(problem.root());
    this.deadline = deadline;
  }

  /**
   * Decides the given boxes (the root, or this shard's pieces of it), level by level: every box of
   * one depth (in parallel) before any of the next, so that under a time limit the large boxes are
   * decided first and what is left open is the small boxes near the hardest sets.
   */
  Outcome run(List<Box> starts) {
    starts.forEach(b -> this.starts.add(b.path()));
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, options.jobs()));
    try {
      List<Box> level = starts;
      while (!level.isEmpty()) {
        List<Box> current = level;
        AtomicReferenceArray<List<Box>> children = new AtomicReferenceArray<>(current.size());
        ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, current.size()).parallel()
            .forEach(i -> step(current.get(i), i, children)));
        if (!done(task)) {
          close(current, children);
          break;
        }
        List<Box> next = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
          next.addAll(children.get(i));
        }
        level = next;
      }
    } finally {
      pool.shutdown(); // threads still deciding a given-up box finish it, and it is dropped
    }
    List<Counterexample> found;
    synchronized (counterexamples) {
      found = List.copyOf(counterexamples);
    }
    return new Outcome(proved.get(), refuted.get(), unknown.get(), boxes.get(), found,
        timeUp.get());
  }

  /** Waits for a level's task at most until {@link #GRACE} past the deadline; whether it is done. */
  private boolean done(ForkJoinTask<?> task) {
    try {
      task.get(Math.max(0, deadline.plus(GRACE).remainingNanos()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The closing sweep: every box of the level not yet recorded, and every child of a box split
   * in it, becomes an unknown leaf; after it nothing more is recorded.
   */
  private void close(List<Box> level, AtomicReferenceArray<List<Box>> children) {
    recording.writeLock().lock();
    try {
      closed = true;
      timeUp.set(true);
      for (int i = 0; i < level.size(); i++) {
        List<Box> kids = children.get(i);
        for (Box b : kids == null ? List.of(level.get(i)) : kids) {
          giveUp(b);
        }
      }
    } finally {
      recording.writeLock().unlock();
    }
  }

  /** An undecided box as unknown leaves, keeping what a resumed run had finished below it. */
  private void giveUp(Box box) {
    ResumedLeaf done = finished.get(box.path());
    if (done != null) {
      account(done.box(), done.status());
      return;
    }
    Integer recorded = splits.get(box.path());
    if (recorded != null) {
      for (Box half : box.bisect(recorded)) {
        giveUp(half);
      }
      return;
    }
    leaf(box, Status.UNKNOWN, List.of(), System.nanoTime());
  }

  /**
   * Records a box's outcome ({@code record}: its leaf or split) and its children as entry i of the
   * level, unless the closing sweep came first.
   */
  private void commit(int i, AtomicReferenceArray<List<Box>> children, List<Box> kids,
      Runnable record) {
    recording.readLock().lock();
    try {
      if (closed) {
        return;
      }
      record.run();
      children.set(i, kids);
    } finally {
      recording.readLock().unlock();
    }
  }

  /** Decides box i of the level and records the outcome: a leaf, or a split with its two children. */
  private void step(Box box, int i, AtomicReferenceArray<List<Box>> children) {
    if (closed) {
      return;
    }
    ResumedLeaf done = finished.get(box.path());
    if (done != null) {
      commit(i, children, List.of(), () -> account(done.box(), done.status()));
      return;
    }
    Integer recorded = splits.get(box.path());
    if (recorded != null) {
      commit(i, children, List.of(box.bisect(recorded)), () -> {});
      return;
    }
    long start = System.nanoTime();
    boolean late = deadline.passed();
    if (late) {
      timeUp.set(true);
    }
    boolean overdue = late || enclosures == null || boxes.incrementAndGet() > options.maxBoxes()
        || (!options.explore() && !noCounterexampleYet());
    if (overdue) {
      commit(i, children, List.of(), () -> leaf(box, Status.UNKNOWN, List.of(), start));
      return;
    }
    Interval[] x = Enclosures.intervals(box);
    Decision d = decide(box, x);
    if (d.status != null) {
      commit(i, children, List.of(), () -> leaf(box, d.status, d.evidence, start));
      return;
    }
    int variable = splitVariable(box, x, d.open);
    if (variable < 0) {
      commit(i, children, List.of(), () -> leaf(box, Status.UNKNOWN, List.of(), start));
      return;
    }
    commit(i, children, List.of(box.bisect(variable)), () -> log.split(box, variable));
  }

  /** A leaf status with its evidence, or (status null) a split with the first open goal. */
  private record Decision(Status status, List<Evidence> evidence, Goal open) {}

  private Decision decide(Box box, Interval[] x) {
    for (int j = 0; j < enclosures.hypothesisCount(); j++) {
      Interval h = enclosures.hypothesis(j, x);
      if ((problem.hypotheses().get(j).strict() ? h.hi() <= 0 : h.hi() < 0)
          && (box.bounded() || Certificates.vacuousOnBox(problem, j, box))) {
        return new Decision(Status.PROVED, List.of(Evidence.vacuous(j)), null);
      }
    }
    boolean start = starts.contains(box.path());
    List<Evidence> evidence = new ArrayList<>();
    Goal open = null;
    for (Goal g : goals) {
      Optional<Evidence> e = Optional.empty();
      boolean searched = false;
      for (Prover p : provers) {
        if (start && !searched && p.costly()) {
          // where counterexamples are: a few kernel judgements before the costly provers
          searched = true;
          if (startSearch(box, g, Refuter.EARLY_JUDGEMENTS)) {
            return new Decision(Status.UNKNOWN, List.of(), null);
          }
        }
        e = p.prove(g, box);
        if (e.isPresent()) {
          break;
        }
      }
      if (e.isEmpty() && start && (startSearch(box, g, Refuter.START_JUDGEMENTS)
          || trajectorySearch(box))) {
        return new Decision(Status.UNKNOWN, List.of(), null);
      }
      if (e.isPresent()) {
        evidence.add(e.get());
        continue;
      }
      Optional<Counterexample> everywhere = refuter.inViolatedBox(box, g);
      if (everywhere.isPresent()) {
        found(everywhere.get());
        if (Certificates.violatedOnBox(problem, g.index(), box)) {
          return new Decision(Status.REFUTED, List.of(Evidence.violation(g.index())), null);
        }
      }
      if (open == null) {
        open = g;
      }
    }
    if (open == null) {
      return new Decision(Status.PROVED, evidence, null);
    }
    if (noCounterexampleYet()) {
      refuter.search(box, open, SAMPLES).ifPresent(this::found);
    }
    return new Decision(null, List.of(), open);
  }

  /**
   * Every candidate source on a start box (once no counterexample is known); whether the run
   * should stop there (one was found, and volumes are not wanted).
   */
  private boolean startSearch(Box box, Goal g, int judgements) {
    if (noCounterexampleYet()) {
      refuter.candidates(box, g, List.of(), judgements).ifPresent(this::found);
    }
    return !options.explore() && !noCounterexampleYet();
  }

  /**
   * The fallback on a start box no prover closed, once per box (once no counterexample is known):
   * the iterates of gradient descent ({@link TrajectoryCandidates}: at most {@link #RUNS} runs
   * over all start boxes,
   * {@link #TRAJECTORY_SHARE} of the time left, {@link Refuter#EARLY_JUDGEMENTS} kernel
   * judgements); whether the run should stop there.
   */
  private boolean trajectorySearch(Box box) {
    if (noCounterexampleYet() && followed.add(box.path())) {
      TrajectoryCandidates.Settings d = TrajectoryCandidates.defaults(problem, 1, 1);
      // the runs shared among the start boxes (shard pieces), at least 8 each
      int runs = Math.max(8, Math.min(RUNS, d.trajectories()) / Math.max(1, starts.size()));
      TrajectoryCandidates.Settings s = new TrajectoryCandidates.Settings(runs, d.steps(), 1,
          Math.max(1, options.jobs()));
      Deadline until = deadline.share(TRAJECTORY_SHARE);
      refuter.trajectories(box, goals, s, List.of(), until, Refuter.EARLY_JUDGEMENTS)
          .flatMap(Refuter.FromTrajectories::counterexample).ifPresent(this::found);
    }
    return !options.explore() && !noCounterexampleYet();
  }

  /**
   * The variable to split: among those still wider than the minimum width (relative to the
   * root), the one of largest smear of the open goal's residual, else the relatively widest;
   * -1 if none may be split.
   */
  private int splitVariable(Box box, Interval[] x, Goal open) {
    int best = -1;
    double bestSmear = -1;
    int widest = -1;
    BigFraction widestRatio = BigFraction.ZERO;
    for (int i = 0; i < box.dimension(); i++) {
      if (!box.bounds(i).bounded() && box.share(i, problem.root()).compareTo(options.minWidth()) > 0) {
        return i; // the finite part goes on as a bounded box, the tail is tried on its own
      }
    }
    for (int i = 0; i < box.dimension(); i++) {
      BigFraction ratio = box.share(i, problem.root());
      if (ratio.compareTo(options.minWidth()) <= 0) {
        continue;
      }
      if (ratio.compareTo(widestRatio) > 0) {
        widestRatio = ratio;
        widest = i;
      }
      // relative to the root's width, or (root unbounded) to the box's, scaled by its share
      double s = problem.root().bounds(i).bounded()
          ? enclosures.smear(open.index(), i, x) / problem.root().width(i).doubleValue()
          : enclosures.smear(open.index(), i, x) / box.width(i).doubleValue() * ratio.doubleValue();
      if (Double.isFinite(s) && s > bestSmear) {
        bestSmear = s;
        best = i;
      }
    }
    // Smear alone can starve a variable; never let one fall more than 2^8 behind the widest.
    if (best >= 0 && widest >= 0 && box.share(best, problem.root())
        .multiply(256).compareTo(widestRatio) < 0) {
      return widest;
    }
    return best >= 0 ? best : widest;
  }

  private void leaf(Box box, Status status, List<Evidence> evidence, long startNanos) {
    log.leaf(box, status, evidence, (System.nanoTime() - startNanos) / 1000);
    account(box, status);
  }

  private void account(Box box, Status status) {
    BigFraction share = box.volume(problem.root()).divide(rootVolume);
    AtomicReference<BigFraction> bucket = switch (status) {
      case PROVED -> proved;
      case REFUTED -> refuted;
      default -> unknown;
    };
    bucket.accumulateAndGet(share, BigFraction::add);
    progress.update(proved.get(), refuted.get(), unknown.get(), boxes.get(), box.depth());
  }

  private boolean noCounterexampleYet() {
    synchronized (counterexamples) {
      return counterexamples.isEmpty();
    }
  }

  /** Records a certified counterexample (the first ten are kept and logged). */
  void found(Counterexample c) {
    recording.readLock().lock();
    try {
      if (closed) {
        return;
      }
      synchronized (counterexamples) {
        if (counterexamples.size() < 10) {
          counterexamples.add(c);
          log.counterexample(c);
        }
      }
    } finally {
      recording.readLock().unlock();
    }
  }
}
