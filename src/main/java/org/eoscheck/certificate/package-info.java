/**
 * The trusted kernel: the proof-log format and its checker, written apart from the prover (no
 * double intervals, no computer algebra). Its trust base is the JDK (BigDecimal, BigInteger),
 * commons-numbers BigFraction, SnakeYAML (reading the lemma file), Jackson (reading lines), the
 * lemma-language parser, printer, domain-preserving simplification and
 * {@link org.eoscheck.expr.Derivative} of {@code org.eoscheck.expr}, and Z3 for z3 leaves. The
 * package holds only what replay needs; writing and merging logs live in {@code verify}.
 * The elementary functions exp, log, sin, cos and tanh are the kernel's own
 * ({@link org.eoscheck.certificate.Elementary}: Taylor series with proved remainder bounds,
 * constants pi, log 2 and log 10 computed by the same series, all in outward-rounded BigDecimal
 * intervals), not the JDK's double functions; what they rest on is stated there. So are the
 * extreme eigenvalues eigmax and eigmin of an interval matrix
 * ({@link org.eoscheck.certificate.SymmetricSpectrum}: a Rayleigh quotient below, an exact LDL^T
 * of c I - M and Weyl's bound above; the witnesses come from doubles and are never trusted).
 *
 * <p>What a log means (format {@value org.eoscheck.certificate.ProofLog#FORMAT}): for every point
 * x of the root box at which every hypothesis is defined and true, every claim is defined and
 * true at x. What replay checks, and why it suffices:
 * <ol>
 * <li>{@link org.eoscheck.certificate.Statement}: the statement derived from the lemma text
 *     ({@link org.eoscheck.certificate.LemmaSource}, {@link org.eoscheck.certificate.LemmaSemantics},
 *     {@link org.eoscheck.certificate.Family}: variables, root box, hypotheses, claims and the
 *     domains where each must be defined), compared with every header field it determines; each
 *     claim's reduction, once ({@link org.eoscheck.certificate.Reductions}: exact identities of
 *     rational functions, sign reasons; or a mean-value reduction,
 *     {@link org.eoscheck.certificate.MeanValueRule}, whose goal has a segment parameter; or a
 *     Rayleigh reduction of an eigenvalue bound, {@link org.eoscheck.certificate.RayleighRule},
 *     whose remainder is then factored), giving
 *     per claim the goal each leaf must prove;
 * <li>{@link org.eoscheck.certificate.Tiling}: the leaves' boxes subdivide the root box (a binary
 *     tree of one-variable splits at rational points), so the leaves cover every point;
 * <li>each leaf: vacuous (a hypothesis certainly fails on its box), or each claim's goal by
 *     certified intervals ({@link org.eoscheck.certificate.CertifiedEvaluator}, possibly with
 *     the hypotheses clipped where they occur, {@link org.eoscheck.certificate.UnderHypotheses})
 *     or by Z3 unsat of
 *     the kernel's own query ({@link org.eoscheck.certificate.KernelSmt}); refuted leaves and
 *     counterexamples by {@link org.eoscheck.certificate.CounterexampleCheck} (at a point, exact
 *     values and certain undefinedness by {@link org.eoscheck.certificate.PointValue}: a claim
 *     certainly undefined where the hypotheses hold is a counterexample);
 * <li>exact volumes and the verdict, against the result line.
 * </ol>
 * Nothing the prover wrote about the statement is trusted: a header whose hypotheses, claims,
 * variables or root differ from what the lemma text says is rejected, naming the field.
 *
 * <p>For the prover: elaborate with {@link org.eoscheck.certificate.LemmaSemantics} (the same
 * semantics), write with {@code verify.ProofLogWriter}; build
 * {@code Statement.of(header)} once from the very header written, then store
 * {@code statement.refutationQuery(k, box)} verbatim in z3 evidence and take counterexample lines
 * from {@code statement.counterexample(k, point)}; a leaf proves, for each claim k,
 * {@code statement.goals().get(k)} (its defined list and residual condition).
 */
package org.eoscheck.certificate;
