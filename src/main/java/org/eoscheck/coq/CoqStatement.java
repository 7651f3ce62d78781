package org.eoscheck.coq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eoscheck.InputException;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.Family;
import org.eoscheck.certificate.LemmaSemantics;
import org.eoscheck.certificate.LemmaSource;
import org.eoscheck.certificate.Located;
import org.eoscheck.coq.CoqPrinter.Unsupported;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * A lemma as a Coq statement, read from the lemma text with the kernel's model family
 * ({@link Family}) and the kernel's free and fixed variables ({@link LemmaSemantics.Meaning}).
 * The built-ins stay Coq definitions: {@code loss} is the family's loss; {@code dloss_p} is a
 * formula for dL/dp whose correctness Coq proves ({@code is_derive} by {@code auto_derive}), and
 * gd, ngd, sqrtgd, the Hessian entries, lambdaMax and gdJacobianDet are defined from those
 * derivative definitions only; phi, residual and prod are the family's closed forms. Each claim
 * states its definedness (divisors not 0, square-root arguments &gt;= 0, ...) as conjuncts,
 * since Coq's division and sqrt are total.
 */
final class CoqStatement {
  /** Coq's keywords and the names the exported file defines; a variable so named is renamed. */
  private static final Set<String> TAKEN = Set.of("at", "as", "by", "cofix", "else", "end",
      "exists", "exists2", "fix", "for", "forall", "fun", "if", "IF", "in", "let", "match", "mod",
      "Prop", "return", "Set", "then", "Type", "using", "where", "with", "R", "sqrt", "exp", "ln",
      "sin", "cos", "Rabs", "Rmin", "Rmax", "pow", "loss", "phi", "residual", "product",
      "lambdaMax", "jacobianDet", "gradnorm", "eos_tanh", "True", "False", "O", "S");
  /** The most parameters whose gdJacobianDet is written out by cofactor expansion. */
  static final int MAX_DET_PARAMETERS = 4;

  /**
   * A claim: its Coq proposition (definedness conjuncts first), sides and relation; the relation
   * is null when the proposition quantifies over gfsShift roots (phi at depth &gt;= 3).
   */
  record Claim(String proposition, List<String> defined, String lhs, Rel rel, String rhs) {}

  final LemmaSemantics.Meaning meaning;
  final Family family;
  /** The Coq term of every lemma variable: an identifier if free, its value if fixed. */
  final Map<String, String> names = new LinkedHashMap<>();
  /** The free variables' identifiers, in the statement's order. */
  final List<String> binders = new ArrayList<>();
  final List<String> box = new ArrayList<>();
  final List<String> hypotheses = new ArrayList<>();
  final List<Claim> claims = new ArrayList<>();
  /** Coq text of the definitions the statement uses, in dependency order. */
  private final Map<String, String> definitions = new LinkedHashMap<>();
  private final List<String> signature;
  private final Map<String, Expr> gradient = new HashMap<>();
  private Set<String> pending;
  /** The gfsShift roots bound by the current relation (delta1, delta2, ...). */
  private final List<String> roots = new ArrayList<>();
  private int placeholders;
  private final Map<String, String> terms = new HashMap<>();

  private CoqStatement(LemmaSemantics.Meaning meaning) {
    this.meaning = meaning;
    this.family = meaning.family();
    Set<String> sig = new LinkedHashSet<>(family.parameters());
    sig.addAll(Exprs.variables(family.loss()));
    this.signature = List.copyOf(sig);
  }

  /**
   * The Coq statement of a lemma text (the member named {@code lemma} of a family); unsupported
   * constructs are named.
   */
  static CoqStatement of(String lemmaText, String lemma) throws InputException, Unsupported {
    LemmaSource source = LemmaSource.member(lemmaText, "lemmaText", lemma);
    if (source.sorted().isPresent()) {
      throw new Unsupported("order statistics u_(k) (the kernel's symmetry argument is not exported)");
    }
    CoqStatement s = new CoqStatement(LemmaSemantics.of(source));
    s.build(source);
    return s;
  }

  /** The definitions to print before the statement, in order. */
  List<String> definitions() {
    return List.copyOf(definitions.values());
  }

  /** The names of the definitions (for unfold). */
  List<String> definitionNames() {
    return List.copyOf(definitions.keySet());
  }

  private void build(LemmaSource source) throws InputException, Unsupported {
    for (String v : meaning.variables()) {
      String id = identifier(v);
      names.put(v, id);
      binders.add(id);
      Bounds b = meaning.root().get(v);
      // an infinite end (null) is no constraint
      if (b.lo() != null && b.hi() != null) {
        box.add(CoqPrinter.rational(b.lo()) + " <= " + id + " <= " + CoqPrinter.rational(b.hi()));
      } else if (b.lo() != null) {
        box.add(CoqPrinter.rational(b.lo()) + " <= " + id);
      } else if (b.hi() != null) {
        box.add(id + " <= " + CoqPrinter.rational(b.hi()));
      }
    }
    meaning.fixed().forEach((v, q) -> names.put(v, CoqPrinter.rational(q)));
    definitions.put("loss", "Definition loss " + params() + " : R := "
        + new CoqPrinter(identity()).print(family.loss()) + ".");
    for (Located a : source.assumptions()) {
      pending = new LinkedHashSet<>();
      hypotheses.add(relation(a.text()).proposition());
    }
    for (Located c : source.claims()) {
      pending = new LinkedHashSet<>();
      claims.add(relation(c.text()));
    }
  }

  private Map<String, String> identity() {
    Map<String, String> m = new HashMap<>();
    signature.forEach(v -> m.put(v, identifier(v)));
    return m;
  }

  /** (a1 b1 Phi : R): the parameters and symbols every model definition takes. */
  private String params() {
    return "(" + String.join(" ", signature.stream().map(CoqStatement::identifier).toList()) + " : R)";
  }

  static String identifier(String v) {
    return TAKEN.contains(v) || v.startsWith("eos_") || v.startsWith("dloss_") || v.startsWith("hess_")
        || v.matches("(gd|ngd|sqrtgd)_.*") ? "v_" + v : v;
  }

  private Claim relation(String text) throws InputException, Unsupported {
    Relation r = ExprParser.parseRelation(text);
    Expr lhs = scalar(r.lhs());
    Expr rhs = scalar(r.rhs());
    Map<String, String> all = new HashMap<>(names);
    all.putAll(terms);
    CoqPrinter p = new CoqPrinter(all);
    List<String> bound = pending.stream().filter(o -> o.startsWith("gfs_root@"))
        .map(o -> o.substring(9)).toList();
    Set<String> defined = new LinkedHashSet<>(pending);
    defined.removeIf(o -> o.startsWith("gfs_root@"));
    defined.addAll(p.obligations(lhs));
    defined.addAll(p.obligations(rhs));
    String l = p.print(lhs);
    String rr = p.print(rhs);
    String op = r.op() == Rel.EQ ? "=" : r.op().symbol();
    String c = l + " " + op + " " + rr;
    List<String> conj = new ArrayList<>(defined);
    conj.add(c);
    String prop = conj.size() == 1 ? c
        : String.join(" /\\ ", conj.stream().map(x -> "(" + x + ")").toList());
    if (!bound.isEmpty()) {
      prop = "forall " + String.join(" ", roots) + " : R, "
          + bound.stream().map(b -> b + " -> ").reduce("", String::concat) + prop;
      roots.clear();
      return new Claim(prop, List.of(), l, null, rr);
    }
    return new Claim(prop, List.copyOf(defined), l, r.op(), rr);
  }

  /** A number-valued expression with every built-in replaced by a named Coq term. */
  private Expr scalar(Expr e) throws Unsupported {
    if (e instanceof Expr.Var v && v.name().equals("theta")) {
      throw new Unsupported("theta is a point, not a number");
    }
    if (e instanceof Expr.Apply a) {
      Object v = builtIn(a);
      if (v instanceof Expr x) {
        return x;
      }
      throw new Unsupported(a.name() + "(...) is a point, not a number");
    }
    List<Expr> children = new ArrayList<>();
    for (Expr c : Exprs.children(e)) {
      children.add(scalar(c));
    }
    int[] i = {0};
    return Exprs.mapChildren(e, c -> children.get(i[0]++));
  }

  @SuppressWarnings("unchecked")
  private List<Expr> point(Expr e) throws Unsupported {
    if (e instanceof Expr.Var v && v.name().equals("theta")) {
      return family.parameters().stream().map(p -> (Expr) Expr.var(p)).toList();
    }
    if (e instanceof Expr.Apply a && LemmaSemantics.POINT_MAPS.contains(a.name())) {
      return (List<Expr>) builtIn(a);
    }
    throw new Unsupported("'" + e.text() + "' is not a point");
  }

  /** A Coq term as an expression node (a placeholder variable printed as the term). */
  private Expr term(String coq) {
    String name = "%" + (placeholders++);
    terms.put(name, "(" + coq + ")");
    return Expr.var(name);
  }

  private String printed(Expr e) throws Unsupported {
    Map<String, String> all = new HashMap<>(names);
    all.putAll(terms);
    String s = new CoqPrinter(all).print(e);
    return s.matches("[A-Za-z0-9_']+") || (s.startsWith("(") && balancedOuter(s)) ? s : "(" + s + ")";
  }

  private static boolean balancedOuter(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
      if (depth == 0 && i < s.length() - 1) {
        return false;
      }
    }
    return s.endsWith(")");
  }

  /** f x1 .. xn s1 .. sk: a model definition at a point (symbols as in the lemma). */
  private String at(String f, List<Expr> point) throws Unsupported {
    StringBuilder b = new StringBuilder(f);
    for (Expr x : point) {
      b.append(' ').append(printed(x));
    }
    for (String s : signature.subList(family.parameters().size(), signature.size())) {
      b.append(' ').append(printed(Expr.var(s)));
    }
    return b.toString();
  }

  /** The definedness obligations of a family expression at a point. */
  private void obligationsAt(Expr f, List<Expr> point) throws Unsupported {
    Expr there = Exprs.substitute(f, family.parameters(), point);
    Map<String, String> all = new HashMap<>(names);
    all.putAll(terms);
    pending.addAll(new CoqPrinter(all).obligations(there));
  }

  private Object builtIn(Expr.Apply a) throws Unsupported {
    String name = a.name();
    List<Expr> x = point(a.args().get(0));
    switch (name) {
      case "gd", "ngd", "sqrtgd" -> {
        differentiable(name);
        String eta = printed(Expr.var(LemmaSemantics.ETA));
        List<Expr> out = new ArrayList<>();
        for (String p : family.parameters()) {
          out.add(term(at(stepMap(name, p), x) + " " + eta));
        }
        if (name.equals("ngd")) {
          pending.add(at("gradnorm", x) + " <> 0");
        } else if (name.equals("sqrtgd")) {
          pending.add("0 < " + at("loss", x));
        }
        return out;
      }
      case "coord", "balance", "hessian" -> {
        List<Integer> idx = new ArrayList<>();
        for (Expr i : a.args().subList(1, a.args().size())) {
          idx.add(((Expr.Num) Exprs.simplify(i)).value().intValue() - 1); // "2 + 1" from index notation
        }
        if (name.equals("coord")) {
          return x.get(idx.get(0));
        }
        if (name.equals("balance")) {
          return Expr.sub(Expr.pow(x.get(idx.get(0)), 2), Expr.pow(x.get(idx.get(1)), 2));
        }
        differentiable(name);
        return term(at(hessianEntry(idx.get(0), idx.get(1)), x));
      }
      case "loss" -> {
        obligationsAt(family.loss(), x);
        return term(at("loss", x));
      }
      case "phi", "residual", "prod" -> {
        Expr f = (name.equals("phi") ? family.phi() : name.equals("residual") ? family.residual()
            : family.product()).orElseThrow(() -> new Unsupported(name + " of this model"));
        if (Exprs.contains(f, e -> e instanceof Expr.GfsShift)) {
          return shiftedPhi(f, x);
        }
        String def = name.equals("prod") ? "product" : name;
        define(def, f);
        obligationsAt(f, x);
        return term(at(def, x));
      }
      case "lambdaMax" -> {
        differentiable(name);
        lambdaMax();
        return term(at("lambdaMax", x));
      }
      case "gdJacobianDet" -> {
        differentiable(name);
        jacobianDet();
        return term(at("jacobianDet", x) + " " + printed(Expr.var(LemmaSemantics.ETA)));
      }
      default -> throw new Unsupported("the built-in " + name);
    }
  }

  /**
   * phi at depth &gt;= 3, y^2 sum_i 1/(w_i^2 + delta*), with delta* = gfsShift the unique root
   * of prod_i (w_i^2 + delta) = y^2 with every w_i^2 + delta &gt; 0 (Family; shared/maths.md 1):
   * {@code phi} takes delta as an argument, {@code gfs_root} is the defining property, and the
   * relation is stated for every eos_delta_k that is the root at its point (the root exists and is
   * unique for y != 0, so this is the relation at delta*).
   */
  private Expr shiftedPhi(Expr f, List<Expr> x) throws Unsupported {
    List<Expr> shifts = Exprs.distinct(f, e -> e instanceof Expr.GfsShift);
    if (shifts.size() != 1) {
      throw new Unsupported("a phi with " + shifts.size() + " gfsShift terms");
    }
    Expr.GfsShift g = (Expr.GfsShift) shifts.get(0);
    String delta = "eos_delta" + (roots.size() + 1);
    if (!definitions.containsKey("phi")) {
      String sig = params().replace(" : R)", " eos_delta : R)");
      Map<String, String> ids = identity();
      ids.put("%delta", "eos_delta");
      CoqPrinter p = new CoqPrinter(ids);
      List<String> conditions = new ArrayList<>();
      conditions.add(p.print(new Expr.Mul(g.squares().stream()
          .map(u -> (Expr) Expr.add(u, Expr.var("%delta"))).toList())) + " = " + p.print(g.target()));
      for (Expr u : g.squares()) {
        conditions.add("0 < " + p.print(Expr.add(u, Expr.var("%delta"))));
      }
      definitions.put("gfs_root", "(* eos_delta is the gradient-flow shift gfsShift (Kreisler et al. 2023;"
          + " shared/maths.md 1) *)\nDefinition gfs_root " + sig + " : Prop := "
          + String.join(" /\\ ", conditions) + ".");
      definitions.put("phi", "Definition phi " + sig + " : R := "
          + p.print(Exprs.replace(f, e -> e.equals(g) ? Expr.var("%delta") : null)) + ".");
    }
    roots.add(delta);
    pending.add("gfs_root@" + at("gfs_root", x) + " " + delta);
    return term(at("phi", x) + " " + delta);
  }

  /** The built-ins taken by differentiation need a polynomial loss (total, no sqrt, exp, ...). */
  private void differentiable(String builtIn) throws Unsupported {
    if (!Exprs.total(family.loss()) || Exprs.contains(family.loss(), e -> e instanceof Expr.Call)) {
      throw new Unsupported(builtIn + " of a loss that is not a polynomial");
    }
  }

  private void define(String name, Expr f) throws Unsupported {
    if (!definitions.containsKey(name)) {
      definitions.put(name, "Definition " + name + " " + params() + " : R := "
          + new CoqPrinter(identity()).print(f) + ".");
    }
  }

  /** dL/dp as a definition with its is_derive lemma. */
  private String derivative(String p) throws Unsupported {
    String name = "dloss_" + identifier(p);
    if (!definitions.containsKey(name)) {
      Expr d = Derivative.of(family.loss(), p);
      gradient.put(p, d);
      define(name, d);
      definitions.put(name + "_is_derive", isDerive("loss", name, p));
    }
    return name;
  }

  /** Lemma f'_is_derive: for all arguments, is_derive (fun p => f ...) p (f' ...). */
  private String isDerive(String f, String derivative, String p) {
    String args = String.join(" ", signature.stream().map(CoqStatement::identifier).toList());
    String id = identifier(p);
    return "Lemma " + derivative + "_is_derive : forall " + args + ", is_derive (fun " + id
        + " => " + f + " " + args + ") " + id + " (" + derivative + " " + args + ").\n"
        + "Proof. intros. unfold " + f + ", " + derivative
        + ". auto_derive; [trivial | field]. Qed.";
  }

  private String stepMap(String map, String p) throws Unsupported {
    String name = map + "_" + identifier(p);
    if (definitions.containsKey(name)) {
      return name;
    }
    List<String> ds = new ArrayList<>();
    for (String q : family.parameters()) {
      ds.add(derivative(q));
    }
    String args = String.join(" ", signature.stream().map(CoqStatement::identifier).toList());
    String d = derivative(p) + " " + args;
    String direction = switch (map) {
      case "gd" -> d;
      case "ngd" -> {
        if (!definitions.containsKey("gradnorm")) {
          definitions.put("gradnorm", "Definition gradnorm " + params() + " : R := sqrt ("
              + String.join(" + ", ds.stream().map(q -> "(" + q + " " + args + ") ^ 2").toList())
              + ").");
        }
        yield "(" + d + ") / gradnorm " + args;
      }
      default -> "(" + d + ") / (2 * sqrt (loss " + args + "))";
    };
    definitions.put(name, "Definition " + name + " " + params().replace(" : R)", " eta : R)")
        + " : R := " + identifier(p) + " - eta * (" + direction + ").");
    return name;
  }

  /** d2L/dp_i dp_j, the derivative of dloss_p_i in p_j, with its is_derive lemma. */
  private String hessianEntry(int i, int j) throws Unsupported {
    String pi = family.parameters().get(i);
    String pj = family.parameters().get(j);
    String name = "hess_" + identifier(pi) + "_" + identifier(pj);
    if (!definitions.containsKey(name)) {
      String di = derivative(pi);
      define(name, Derivative.of(gradient.get(pi), pj));
      definitions.put(name + "_is_derive", isDerive(di, name, pj));
    }
    return name;
  }

  /** The top Hessian eigenvalue in closed form, one or two parameters (as LemmaSemantics). */
  private void lambdaMax() throws Unsupported {
    int n = family.parameters().size();
    if (definitions.containsKey("lambdaMax")) {
      return;
    }
    String args = String.join(" ", signature.stream().map(CoqStatement::identifier).toList());
    String body;
    if (n == 1) {
      body = hessianEntry(0, 0) + " " + args;
    } else if (n == 2) {
      String p = "(" + hessianEntry(0, 0) + " " + args + ")";
      String q = "(" + hessianEntry(0, 1) + " " + args + ")";
      String s = "(" + hessianEntry(1, 1) + " " + args + ")";
      body = "(1/2) * (" + p + " + " + s + ") + sqrt (((1/2) * (" + p + " - " + s + ")) ^ 2 + "
          + q + " ^ 2)";
    } else {
      throw new Unsupported("lambdaMax of more than 2 parameters");
    }
    definitions.put("lambdaMax", "Definition lambdaMax " + params() + " : R := " + body + ".");
  }

  /** det(I - eta Hess L) by cofactor expansion along the first row, for a few parameters. */
  private void jacobianDet() throws Unsupported {
    int n = family.parameters().size();
    if (n > MAX_DET_PARAMETERS) {
      throw new Unsupported("gdJacobianDet of more than " + MAX_DET_PARAMETERS
          + " parameters (its cofactor expansion has " + n + "! terms)");
    }
    if (definitions.containsKey("jacobianDet")) {
      return;
    }
    String args = String.join(" ", signature.stream().map(CoqStatement::identifier).toList());
    String[][] m = new String[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = "(" + (i == j ? "1" : "0") + " - eta * " + hessianEntry(i, j) + " " + args + ")";
      }
    }
    List<Integer> cols = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      cols.add(j);
    }
    definitions.put("jacobianDet", "Definition jacobianDet " + params().replace(" : R)", " eta : R)")
        + " : R := " + cofactor(m, 0, cols) + ".");
  }

  private static String cofactor(String[][] m, int row, List<Integer> cols) {
    if (cols.size() == 1) {
      return m[row][cols.get(0)];
    }
    List<String> terms = new ArrayList<>();
    for (int k = 0; k < cols.size(); k++) {
      List<Integer> rest = new ArrayList<>(cols);
      rest.remove(k);
      terms.add((k % 2 == 0 ? "" : "- ") + m[row][cols.get(k)] + " * (" + cofactor(m, row + 1, rest) + ")");
    }
    return String.join(" + ", terms).replace("+ - ", "- ");
  }
}
