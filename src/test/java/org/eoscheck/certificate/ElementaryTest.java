package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Differentiated;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Rel;
import org.junit.jupiter.api.Test;

/**
 * The kernel's enclosures of exp, log, sin, cos and tanh contain the true values and are tight:
 * against tables computed with mpmath 1.3.0 (at 120 and 300 digits, e.g.
 * {@code mpmath.nstr(mpmath.exp(mpmath.mpf('123.456')), 60)}), against plain Taylor series at 110
 * digits written here independently of {@link Elementary}, and over intervals at sample points,
 * across extrema of sin and cos, near 0 and at huge arguments.
 */
class ElementaryTest {
  private final Elementary e40 = new Elementary(40);
  private static final MathContext REF = new MathContext(110, RoundingMode.HALF_EVEN);

  /** f, x, f(x) to 60 significant digits (mpmath). */
  private static final String[][] TABLE = {
      {"exp", "0", "1.0"},
      {"exp", "1", "2.71828182845904523536028747135266249775724709369995957496697"},
      {"exp", "-1", "3.67879441171442321595523770161460867445811131031767834507837e-1"},
      {"exp", "1e-30", "1.000000000000000000000000000001"},
      {"exp", "-1e-30", "9.99999999999999999999999999999e-1"},
      {"exp", "0.5", "1.64872127070012814684865078781416357165377610071014801157508"},
      {"exp", "2.5", "1.21824939607034734380701759511679661831827677900631613115604e+1"},
      {"exp", "-7.25", "7.10174388842549063584600370577544408676302387361895885564452e-4"},
      {"exp", "10", "2.20264657948067165169579006452842443663535126185567810742354e+4"},
      {"exp", "-10", "4.53999297624848515355915155605506102379180888665649692590713e-5"},
      {"exp", "100", "2.68811714181613544841262555158001358736111187737419224151916e+43"},
      {"exp", "-100", "3.72007597602083596295969580386311833735889229237678196712061e-44"},
      {"exp", "123.456", "4.13294435277809344957685441227343146614594393746575438725294e+53"},
      {"exp", "700", "1.01423205473500450945532959523126761520467957224307334878054e+304"},
      {"exp", "-745.1", "2.55376854775213199321369297792519894533650827522876963379506e-324"},
      {"exp", "0.000244140625", "1.00024417042974785493700523392413577375751962311976071230979"},
      {"exp", "1000000", "3.03321539680208754508640214141811432708397379481347740960619e+434294"},
      {"exp", "-1000000", "3.29683147808855857896890796910772420856140150665837015964709e-434295"},
      {"log", "1", "0"},
      {"log", "2", "6.9314718055994530941723212145817656807550013436025525412068e-1"},
      {"log", "10", "2.30258509299404568401799145468436420760110148862877297603333"},
      {"log", "0.5", "-6.9314718055994530941723212145817656807550013436025525412068e-1"},
      {"log", "1e-30", "-6.90775527898213705205397436405309262280330446588631892809998e+1"},
      {"log", "1e30", "6.90775527898213705205397436405309262280330446588631892809998e+1"},
      {"log", "3", "1.09861228866810969139524523692252570464749055782274945173469"},
      {"log", "0.999999", "-1.00000050000033333358333353333350000014285726785725396835397e-6"},
      {"log", "1.000001", "9.99999500000333333083333533333166666809523684523920634820635e-7"},
      {"log", "123456.789", "1.17236464871858809811399589839101115869103773751340830470851e+1"},
      {"log", "7e-300", "-6.88829617749158391900292083661866082550693361859050031621539e+2"},
      {"log", "0.1", "-2.30258509299404568401799145468436420760110148862877297603333"},
      {"log", "0.7071", "-3.46583180371941930690971249798260646664424092566659903262181e-1"},
      {"log", "1.4142", "3.46564000188003378726260871659915921411076041793595350858499e-1"},
      {"log", "5e+1000", "2.30419453090647978439259221401759039524062708998304149375524e+3"},
      {"sin", "0", "0"},
      {"sin", "1", "8.41470984807896506652502321630298999622563060798371065672752e-1"},
      {"sin", "-1", "-8.41470984807896506652502321630298999622563060798371065672752e-1"},
      {"sin", "1e-30", "1.0e-30"},
      {"sin", "3.14159265358979", "3.23846264338327950288419716939371446727017647415926509550007e-15"},
      {"sin", "1.5707963267948966", "9.99999999999999999999999999999999815078132996333184474016317e-1"},
      {"sin", "10", "-5.44021110889369813404747661851377281683643012916223891574184e-1"},
      {"sin", "-100", "5.06365641109758793656557610459785432065032721290657323443392e-1"},
      {"sin", "1000000", "-3.49993502171292952117652486780771469061406605328716273857059e-1"},
      {"sin", "355", "-3.01443533594884492143302800086500995902558070663246491057898e-5"},
      {"sin", "0.7853981633974483", "7.07106781186547517601545372435641653397913341161395692249944e-1"},
      {"sin", "6.283185307179586", "-4.7692528676655900576839433879873213158483228145223960450794e-16"},
      {"sin", "-2.5", "-5.98472144103956494051854702186162271703597171577223573302627e-1"},
      {"cos", "0", "1.0"},
      {"cos", "1", "5.40302305868139717400936607442976603732310420617922227670097e-1"},
      {"cos", "-1", "5.40302305868139717400936607442976603732310420617922227670097e-1"},
      {"cos", "1e-30", "9.99999999999999999999999999999999999999999999999999999999999e-1"},
      {"cos", "3.14159265358979", "-9.99999999999999999999999999994756179853705490923508465123193e-1"},
      {"cos", "1.5707963267948966", "1.92313216916397514420985846996875517250568349074409625188417e-17"},
      {"cos", "10", "-8.39071529076452452258863947824064834519930165133168546835954e-1"},
      {"cos", "-100", "8.62318872287683934101938513950842535510084008535510829280162e-1"},
      {"cos", "1000000", "9.36752127533144786938532535074918775708097804212365879720578e-1"},
      {"cos", "355", "-9.99999999545658980165935841692754081123824951499928244771551e-1"},
      {"cos", "0.7853981633974483", "7.07106781186547531200143351774056359792005460230715570819048e-1"},
      {"cos", "6.283185307179586", "9.99999999999999999999999999999886271135421317728644226525545e-1"},
      {"cos", "-2.5", "-8.01143615546933714833502790467351664428567848767820135074598e-1"},
      {"tanh", "0", "0"},
      {"tanh", "1e-30", "1.0e-30"},
      {"tanh", "-1e-30", "-1.0e-30"},
      {"tanh", "0.001", "9.99999666666799999946031767901225704669296792285404388658514e-4"},
      {"tanh", "0.25", "2.44918662403709129277801131491016957506558730617820326118874e-1"},
      {"tanh", "0.2500001", "2.44918756405191707643545715046334489715338305053170847193815e-1"},
      {"tanh", "1", "7.61594155955764888119458282604793590412768597257936551596811e-1"},
      {"tanh", "-1", "-7.61594155955764888119458282604793590412768597257936551596811e-1"},
      {"tanh", "5", "9.99909204262595131210990447534473021089812615990547862736429e-1"},
      {"tanh", "20", "9.99999999999999991503291489416822045438558191190987257130475e-1"},
      {"tanh", "50", "9.99999999999999999999999999999999999999999925598480479583281e-1"},
      {"tanh", "100", "1.0"},
      {"tanh", "-100", "-1.0"},
      {"tanh", "1000", "1.0"},
      {"log", "0.69999", "-3.56689229755059881352594404306998909373054124928790443454509e-1"},
      {"log", "1.40001", "3.36479379452845705042329426708114517976945707355421204326383e-1"},
      {"log", "1.9", "6.41853886172394775991035977203489329636277772670355842504632e-1"},
      {"sin", "1.58", "9.99957646498740052551794232251717487743322989258857426030035e-1"},
      {"sin", "1.57", "9.99999682931834620210529923823327000194912885055433171665051e-1"},
      {"sin", "4.71238898038469", "-9.99999999999999999999999999999989874496211950849525525297669e-1"},
      {"sin", "-1.5707963267948966", "-9.99999999999999999999999999999999815078132996333184474016317e-1"},
      {"cos", "1.5707963267948966", "1.92313216916397514420985846996875517250568349074409625188417e-17"},
      {"tanh", "0.24999", "2.44909262232198604510056907226359471765735932765763803495749e-1"},
      {"tanh", "-0.2500001", "-2.44918756405191707643545715046334489715338305053170847193815e-1"},
      {"tanh", "1e-10", "9.9999999999999999999666666666666666666668e-11"},
  };

  /** f, x, f(x) to 240 significant digits (mpmath at 300 digits), for a 200-digit kernel. */
  private static final String[][] TABLE_200 = {
      {"exp", "1",
          "2.718281828459045235360287471352662497757247093699959574966967627724076630353547" +
          "59457138217852516642742746639193200305992181741359662904357290033429526059563073" +
          "81323286279434907632338298807531952510190115738341879307021540891499348841675092" +
          "4"},
      {"log", "2",
          "6.931471805599453094172321214581765680755001343602552541206800094933936219696947" +
          "15605863326996418687542001481020570685733685520235758130557032670751635075961930" +
          "72757082837143519030703862389167347112335011536449795523912047517268157493206515" +
          "6e-1"},
      {"sin", "1",
          "8.414709848078965066525023216302989996225630607983710656727517099919104043912396" +
          "68948639743543052695854349037907920674293259118920991898881193410327729212409480" +
          "79195582676660699990776401197840878273256634748480287029865615701796245539489357" +
          "3e-1"},
      {"cos", "1000000",
          "9.367521275331447869385325350749187757080978042123658797205783411168104213316009" +
          "82007033940876528084109122730058696198301875771645401026442323904076995070908340" +
          "07542744444759415796655691708123988414601920873545169591842664454854178844174656" +
          "1e-1"},
      {"tanh", "0.5",
          "4.621171572600097585023184836436725487302892803301130385527318158380809061404092" +
          "78774949064151962490584348932986281549132882265461869597895957144611615878563329" +
          "13270416677693919737256793077027003730144860859926240958178361189289914670380276" +
          "9e-1"},
      {"exp", "-123.456",
          "2.419582541264600766134751746950674065445015304020558982604617959396790596774396" +
          "68919334806331780314023380790540034069363741413185246333199616666091203767771494" +
          "98820688280913886800349185432501788347566161788994206476239521462923948427164928" +
          "7e-54"},
      {"log", "1e-30",
          "-6.90775527898213705205397436405309262280330446588631892809998370290271782903205" +
          "74407079916152687948950259033521268587459002285763952484202699988621072963450684" +
          "48721624976664042531399684478699595585180515926896133197886538490098666863094659" +
          "66e+1"},
  };

  private static CertifiedInterval point(String x) {
    return CertifiedInterval.point(new BigDecimal(x));
  }

  private static CertifiedInterval apply(Elementary el, String f, CertifiedInterval x) throws Undefined {
    switch (f) {
      case "exp":
        return el.exp(x);
      case "log":
        return el.log(x);
      case "sin":
        return el.sin(x);
      case "cos":
        return el.cos(x);
      default:
        return el.tanh(x);
    }
  }

  /**
   * {@code x} contains the reference {@code ref} (known to a relative {@code refError}) and is
   * tight: ref moved by a relative {@code slack} (by 10^-300 if ref = 0) on either side is outside.
   */
  private static void assertEnclosesTightly(String what, BigDecimal ref, CertifiedInterval x,
      BigDecimal refError, BigDecimal slack) {
    BigDecimal err = ref.abs().multiply(refError);
    assertTrue(x.lo().compareTo(ref.add(err)) <= 0 && ref.subtract(err).compareTo(x.hi()) <= 0,
        () -> what + ": reference " + ref + " not in " + x);
    BigDecimal shift = ref.signum() == 0 ? new BigDecimal("1e-300") : ref.abs().multiply(slack);
    assertTrue(x.hi().compareTo(ref.add(shift)) < 0, () -> what + ": not tight above, " + x);
    assertTrue(x.lo().compareTo(ref.subtract(shift)) > 0, () -> what + ": not tight below, " + x);
  }

  @Test
  void pointEnclosuresContainTheReferenceValuesAndNothingFarFromThem() throws Undefined {
    for (String[] row : TABLE) {
      CertifiedInterval x = apply(e40, row[0], point(row[1]));
      assertEnclosesTightly(row[0] + "(" + row[1] + ")", new BigDecimal(row[2]), x,
          new BigDecimal("1e-58"), new BigDecimal("1e-36"));
    }
  }

  @Test
  void twoHundredDigitsAreTwoHundredCorrectDigits() throws Undefined {
    Elementary e200 = new Elementary(200);
    for (String[] row : TABLE_200) {
      CertifiedInterval x = apply(e200, row[0], point(row[1]));
      assertEnclosesTightly(row[0] + "(" + row[1] + ")", new BigDecimal(row[2]), x,
          new BigDecimal("1e-238"), new BigDecimal("1e-196"));
      assertTrue(x.hi().subtract(x.lo()).compareTo(x.hi().abs().multiply(new BigDecimal("1e-150"))) < 0);
    }
  }

  @Test
  void theTightnessCheckRejectsAShiftedEnclosure() throws Undefined {
    CertifiedInterval e = e40.exp(point("1"));
    BigDecimal ref = new BigDecimal(TABLE[1][2]);
    BigDecimal ulp = new BigDecimal("1e-38");
    CertifiedInterval shifted = new CertifiedInterval(e.lo().add(ulp), e.hi().add(ulp));
    assertThrows(AssertionError.class, () -> assertEnclosesTightly("shifted e", ref, shifted,
        new BigDecimal("1e-58"), new BigDecimal("1e-36")));
    CertifiedInterval wide = new CertifiedInterval(e.lo().subtract(ulp.scaleByPowerOfTen(4)), e.hi());
    assertThrows(AssertionError.class, () -> assertEnclosesTightly("wide e", ref, wide,
        new BigDecimal("1e-58"), new BigDecimal("1e-36")));
  }

  // ---- independent references: plain Taylor series at 110 digits ----

  /** sum_k t_k with t_0 = first and t_k = t_(k-1) * ratio(k), until |t_k| &lt; |first| 10^-108. */
  private static BigDecimal series(BigDecimal first, java.util.function.IntFunction<BigDecimal> ratio) {
    BigDecimal sum = first;
    BigDecimal t = first;
    BigDecimal tiny = first.abs().multiply(new BigDecimal("1e-108"));
    for (int k = 1; t.signum() != 0 && t.abs().compareTo(tiny) >= 0 && k < 2000; k++) {
      t = t.multiply(ratio.apply(k), REF);
      sum = sum.add(t, REF);
    }
    return sum;
  }

  /** e^x - 1 for x &gt;= 0 by its series. */
  static BigDecimal expm1Ref(BigDecimal x) {
    return series(x, k -> x.divide(BigDecimal.valueOf(k + 1), REF));
  }

  static BigDecimal expRef(BigDecimal x) {
    if (x.signum() < 0) {
      return BigDecimal.ONE.divide(expRef(x.negate()), REF);
    }
    return expm1Ref(x).add(BigDecimal.ONE);
  }

  /** log x by Newton's method on e^y = x from the double logarithm. */
  static BigDecimal logRef(BigDecimal x) {
    BigDecimal y = new BigDecimal(Math.log(x.doubleValue()));
    for (int i = 0; i < 5; i++) {
      BigDecimal ey = expRef(y);
      y = y.add(BigDecimal.valueOf(2).multiply(x.subtract(ey)).divide(x.add(ey), REF));
    }
    return y;
  }

  static BigDecimal sinRef(BigDecimal x) {
    BigDecimal minusSquare = x.multiply(x).negate();
    return series(x, k -> minusSquare.divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), REF));
  }

  static BigDecimal cosRef(BigDecimal x) {
    BigDecimal minusSquare = x.multiply(x).negate();
    return series(BigDecimal.ONE, k -> minusSquare.divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), REF));
  }

  static BigDecimal tanhRef(BigDecimal x) {
    if (x.signum() < 0) {
      return tanhRef(x.negate()).negate();
    }
    BigDecimal u = expm1Ref(x.add(x));
    return u.divide(u.add(BigDecimal.valueOf(2)), REF);
  }

  static BigDecimal reference(String f, BigDecimal x) {
    switch (f) {
      case "exp":
        return expRef(x);
      case "log":
        return logRef(x);
      case "sin":
        return sinRef(x);
      case "cos":
        return cosRef(x);
      default:
        return tanhRef(x);
    }
  }

  /** A decimal with 40 random significant digits in (-scale, scale). */
  static BigDecimal random40(Random rnd, int scale) {
    BigDecimal u = new BigDecimal(new BigInteger(133, rnd), 40).min(BigDecimal.ONE);
    BigDecimal x = u.multiply(BigDecimal.valueOf(scale)).round(new MathContext(40));
    return rnd.nextBoolean() ? x : x.negate();
  }

  @Test
  void randomPointsAgreeWithIndependentSeries() throws Undefined {
    Random rnd = new Random(11);
    for (String f : List.of("exp", "sin", "cos", "tanh", "log")) {
      for (int i = 0; i < 100; i++) {
        BigDecimal x = random40(rnd, i < 30 ? 1 : 30);
        if (f.equals("log")) {
          x = x.abs().scaleByPowerOfTen(rnd.nextInt(41) - 20);
          if (x.signum() == 0) {
            continue;
          }
        }
        BigDecimal at = x;
        CertifiedInterval y = apply(e40, f, CertifiedInterval.point(x));
        assertEnclosesTightly(f + "(" + at + ")", reference(f, x), y, new BigDecimal("1e-90"),
            new BigDecimal("1e-34"));
      }
    }
  }

  // ---- intervals ----

  @Test
  void intervalEnclosuresContainTheFunctionAtEverySampledPoint() throws Undefined {
    Random rnd = new Random(5);
    for (String f : List.of("exp", "sin", "cos", "tanh", "log")) {
      for (int i = 0; i < 30; i++) {
        BigDecimal a = random40(rnd, 12);
        BigDecimal b = a.add(random40(rnd, 7).abs());
        if (f.equals("log")) {
          a = a.abs().add(new BigDecimal("1e-9"));
          b = a.add(b.subtract(a).abs());
        }
        CertifiedInterval x = new CertifiedInterval(a, b);
        CertifiedInterval y = apply(e40, f, x);
        assertTrue(y.lo().compareTo(y.hi()) <= 0);
        for (int j = 0; j <= 12; j++) {
          BigDecimal t = a.add(b.subtract(a).multiply(BigDecimal.valueOf(j)).divide(BigDecimal.valueOf(12), REF))
              .round(new MathContext(40)).max(a).min(b);
          BigDecimal v = reference(f, t);
          assertTrue(y.lo().compareTo(v) <= 0 && v.compareTo(y.hi()) <= 0,
              () -> f + " over " + x + ": " + f + "(" + t + ") = " + v + " not in " + y);
        }
      }
    }
  }

  @Test
  void monotoneFunctionsAreTheirValuesAtTheEnds() throws Undefined {
    CertifiedInterval x = new CertifiedInterval(new BigDecimal("-0.75"), new BigDecimal("2.5"));
    assertEquals(e40.exp(point("-0.75")).lo(), e40.exp(x).lo());
    assertEquals(e40.exp(point("2.5")).hi(), e40.exp(x).hi());
    assertEquals(e40.tanh(point("-0.75")).lo(), e40.tanh(x).lo());
    assertEquals(e40.tanh(point("2.5")).hi(), e40.tanh(x).hi());
    CertifiedInterval p = new CertifiedInterval(new BigDecimal("0.001"), new BigDecimal("1000"));
    assertEquals(e40.log(point("0.001")).lo(), e40.log(p).lo());
    assertEquals(e40.log(point("1000")).hi(), e40.log(p).hi());
  }

  private CertifiedInterval sin(String a, String b) {
    return e40.sin(new CertifiedInterval(new BigDecimal(a), new BigDecimal(b)));
  }

  private CertifiedInterval cos(String a, String b) {
    return e40.cos(new CertifiedInterval(new BigDecimal(a), new BigDecimal(b)));
  }

  private static final BigDecimal ONE = BigDecimal.ONE;
  private static final BigDecimal MINUS_ONE = BigDecimal.ONE.negate();

  @Test
  void sinAndCosReachTheExtremaInsideTheInterval() {
    assertEquals(0, sin("1", "2").hi().compareTo(ONE), "pi/2 in [1, 2]");
    assertEquals(e40.sin(point("1")).lo(), sin("1", "2").lo(), "sin 1 < sin 2");
    assertEquals(0, sin("4", "5").lo().compareTo(MINUS_ONE), "3 pi/2 in [4, 5]");
    assertEquals(0, sin("-2", "-1").lo().compareTo(MINUS_ONE), "-pi/2 in [-2, -1]");
    assertEquals(0, cos("-0.5", "0.25").hi().compareTo(ONE), "0 in [-1/2, 1/4]");
    assertEquals(e40.cos(point("-0.5")).lo(), cos("-0.5", "0.25").lo());
    assertEquals(0, cos("3", "3.5").lo().compareTo(MINUS_ONE), "pi in [3, 7/2]");
    assertEquals(0, cos("6", "6.5").hi().compareTo(ONE), "2 pi in [6, 13/2]");
    CertifiedInterval both = sin("1", "4.8");
    assertEquals(0, both.lo().compareTo(MINUS_ONE));
    assertEquals(0, both.hi().compareTo(ONE));
  }

  @Test
  void extremaJustOutsideTheIntervalAreNotCounted() {
    // pi/2 = 1.5707963267948966...: [1.58, 1.6] and [1.5, 1.57] miss it, sin is monotone on each
    assertEquals(e40.sin(point("1.58")).hi(), sin("1.58", "1.6").hi());
    assertTrue(sin("1.58", "1.6").hi().compareTo(ONE) < 0);
    assertEquals(e40.sin(point("1.57")).hi(), sin("1.5", "1.57").hi());
    assertTrue(sin("1.5", "1.57").hi().compareTo(ONE) < 0);
    // pi = 3.14159265358979323...: [3.1416, 3.2] misses it by 7e-6, [3.14159265358979, 3.2] does not
    assertTrue(cos("3.1416", "3.2").lo().compareTo(MINUS_ONE) > 0);
    assertEquals(0, cos("3.14159265358979", "3.2").lo().compareTo(MINUS_ONE));
    assertTrue(cos("3.14159265358980", "3.2").lo().compareTo(MINUS_ONE) > 0);
  }

  @Test
  void wideOrFarIntervalsOfSinAndCosAreTheWholeRange() {
    assertEquals(new CertifiedInterval(MINUS_ONE, ONE), sin("0", "6"));
    assertEquals(new CertifiedInterval(MINUS_ONE, ONE), cos("-100", "100"));
    assertEquals(new CertifiedInterval(MINUS_ONE, ONE), sin("1e30", "1e30"));
  }

  @Test
  void tanhIsRelativelyAccurateNearZeroAndSaturatesForLargeArguments() throws Undefined {
    for (String tiny : List.of("1e-30", "-1e-30", "1e-300", "3.3e-17")) {
      CertifiedInterval t = e40.tanh(point(tiny));
      assertEnclosesTightly("tanh(" + tiny + ")", tanhRef(new BigDecimal(tiny)), t, new BigDecimal("1e-100"),
          new BigDecimal("1e-37"));
    }
    assertEquals(CertifiedInterval.point(BigDecimal.ZERO), e40.tanh(point("0")));
    CertifiedInterval big = e40.tanh(new CertifiedInterval(new BigDecimal("1e7"), new BigDecimal("1e9")));
    assertEquals(0, big.hi().compareTo(ONE));
    assertTrue(big.lo().compareTo(new BigDecimal("0.9999999999999999999999999999999999999999")) >= 0);
    CertifiedInterval negative = e40.tanh(new CertifiedInterval(new BigDecimal("-1e9"), new BigDecimal("-1e7")));
    assertEquals(0, negative.lo().compareTo(MINUS_ONE));
    assertTrue(e40.tanh(point("100")).hi().compareTo(ONE) <= 0);
  }

  @Test
  void hugeArgumentsFinishQuicklyAsAResultOrAFailure() throws Undefined {
    CertifiedInterval e6 = e40.exp(point("1000000"));
    assertTrue(e6.lo().compareTo(new BigDecimal("3.0332153968e434294")) > 0
        && e6.hi().compareTo(new BigDecimal("3.0332153969e434294")) < 0, e6::toString);
    Undefined u = assertThrows(Undefined.class, () -> e40.exp(point("1e7")));
    assertTrue(u.getMessage().contains("above 2^20"), u.getMessage());
    assertThrows(Undefined.class, () -> e40.exp(new CertifiedInterval(BigDecimal.ZERO, new BigDecimal("1e300"))));
    CertifiedInterval small = e40.exp(new CertifiedInterval(new BigDecimal("-1e300"), new BigDecimal("-1e7")));
    assertEquals(0, small.lo().signum());
    assertTrue(small.hi().signum() > 0 && small.hi().compareTo(new BigDecimal("1e-455000")) < 0);
    CertifiedInterval lg = e40.log(point("1e-2000000000"));
    assertEnclosesTightly("log(1e-2000000000)",
        new BigDecimal("-2e9").multiply(logRef(BigDecimal.TEN)), lg, new BigDecimal("1e-100"), new BigDecimal("1e-36"));
  }

  // ---- through the evaluator ----

  private static Map<String, Bounds> box(String x0, String x1) throws Exception {
    return Map.of("x", new Bounds(ExprParser.parseRational(x0), ExprParser.parseRational(x1)));
  }

  @Test
  void logOfAnIntervalNotCertainlyPositiveIsPossiblyUndefined() throws Exception {
    CertifiedEvaluator ev = new CertifiedEvaluator();
    for (String[] c : new String[][] {{"log(x)", "0", "1"}, {"log(x)", "-2", "-1"}, {"log(x - 1)", "1", "2"},
        {"log(x)", "0", "0"}, {"log(x^2 - 1/4)", "-1", "1"}}) {
      Undefined u = assertThrows(Undefined.class, () -> ev.enclose(ExprParser.parse(c[0]), box(c[1], c[2])),
          c[0] + " on [" + c[1] + ", " + c[2] + "]");
      assertTrue(u.getMessage().contains("log of a possibly non-positive number"), u.getMessage());
    }
    CertifiedInterval y = ev.enclose(ExprParser.parse("log(x)"), box("1/1000000000000000000000000000000", "1"));
    assertTrue(y.hi().signum() == 0 && y.contains(BigFraction.of(-69)), y::toString);
    Undefined u = assertThrows(Undefined.class, () -> ev.enclose(ExprParser.parse("exp(exp(x))"), box("0", "20")));
    assertTrue(u.getMessage().contains("above 2^20") && u.getMessage().contains("exp(x)"), u.getMessage());
  }

  @Test
  void theLogisticLossIsEnclosedOnABox() throws Exception {
    Expr loss = ExprParser.parse("log(1 + exp(-x*y))");
    Map<String, Bounds> b = Map.of("x", new Bounds(BigFraction.of(1, 2), BigFraction.of(2)),
        "y", new Bounds(BigFraction.of(1, 2), BigFraction.of(3, 4)));
    CertifiedInterval y = new CertifiedEvaluator().enclose(loss, b);
    for (String[] p : new String[][] {{"0.5", "0.5"}, {"2", "0.75"}, {"1.25", "0.6"}}) {
      BigDecimal v = logRef(BigDecimal.ONE.add(expRef(new BigDecimal(p[0]).multiply(new BigDecimal(p[1])).negate())));
      assertTrue(y.lo().compareTo(v) <= 0 && v.compareTo(y.hi()) <= 0, () -> v + " not in " + y);
    }
    // exactly [log(1 + e^(-3/2)), log(1 + e^(-1/4))] up to the rounding
    BigDecimal lo = logRef(BigDecimal.ONE.add(expRef(new BigDecimal("-1.5"))));
    BigDecimal hi = logRef(BigDecimal.ONE.add(expRef(new BigDecimal("-0.25"))));
    assertTrue(lo.subtract(y.lo()).compareTo(new BigDecimal("1e-38")) < 0
        && y.hi().subtract(hi).compareTo(new BigDecimal("1e-38")) < 0, y::toString);
  }

  @Test
  void tanhBelowTheIdentityByTheMonotoneForm() throws Exception {
    Differentiated d = Differentiated.of(ExprParser.parse("x - tanh(x)"), List.of("x"));
    CertifiedEvaluator ev = new CertifiedEvaluator();
    assertTrue(ev.enclose(Form.MONOTONE, d, box("0", "2")).certainly(Rel.GE));
    assertFalse(ev.enclose(Form.NATURAL, d, box("0", "2")).certainly(Rel.GE));
    Differentiated wrong = Differentiated.of(ExprParser.parse("9/10*x - tanh(x)"), List.of("x"));
    assertFalse(ev.enclose(Form.COMBINED, wrong, box("0", "1/4")).certainly(Rel.GE));
  }
}
