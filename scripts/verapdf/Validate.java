// Validates PDF files against a PDF/A flavour with veraPDF's library (the PDF Association's
// reference validator), for test/unit/export/pdfa.test.ts. Usage:
//   java -cp '.cache/verapdf/lib/*' scripts/verapdf/Validate.java 2a a.pdf b.pdf
// Prints each file's verdict and every failed rule once, with its count; exits 1 when any fails.
import java.io.FileInputStream;
import java.util.*;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.*;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.*;

public class Validate {
  public static void main(String[] args) throws Exception {
    VeraGreenfieldFoundryProvider.initialise();
    PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
    int failed = 0;
    for (int i = 1; i < args.length; i++) {
      try (PDFAParser parser = Foundries.defaultInstance().createParser(new FileInputStream(args[i]), flavour)) {
        PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
        ValidationResult result = validator.validate(parser);
        Map<String, Integer> rules = new TreeMap<>();
        Map<String, String> messages = new HashMap<>();
        for (TestAssertion a : result.getTestAssertions()) {
          if (a.getStatus() != TestAssertion.Status.FAILED) continue;
          String id = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
          rules.merge(id, 1, Integer::sum);
          messages.putIfAbsent(id, a.getMessage());
        }
        System.out.println(args[i] + ": " + (result.isCompliant() ? "compliant" : "NOT compliant"));
        for (var e : rules.entrySet()) System.out.println("  " + e.getKey() + " x" + e.getValue() + ": " + messages.get(e.getKey()));
        if (!result.isCompliant()) failed++;
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
