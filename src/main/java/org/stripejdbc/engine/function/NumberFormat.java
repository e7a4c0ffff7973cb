package org.stripejdbc.engine.function;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * {@code to_char(numeric, text)} with the template patterns money and counts are formatted with: {@code 9} (digit,
 * blank when not significant), {@code 0} (digit, zero when not significant), {@code .} or {@code D} (decimal point),
 * {@code ,} or {@code G} (group separator, shown once a digit has been), {@code S} (sign, {@code +} or {@code -},
 * next to the number), {@code MI} (minus at that place), {@code PR} (negative in angle brackets), the {@code FM}
 * prefix (no padding, no trailing zeros in {@code 9} places) and any other text, double-quoted or not, as is.
 * Without S, MI or PR one place before the number is kept for its sign. The value is rounded (half away from zero)
 * to the number of decimal places; one that has more integer digits than the template is shown as {@code #}s.
 *
 * <p>Examples, as Postgres gives them: {@code to_char(1234.5, '9999.99')} is {@code " 1234.50"};
 * {@code to_char(-1234.5, 'FM9,999.00')} is {@code "-1,234.50"}; {@code to_char(42, '000999')} is
 * {@code " 000042"}; {@code to_char(0.5, '9.99')} is {@code "  .50"}; {@code to_char(-5, '999PR')} is
 * {@code "  <5>"}; {@code to_char(12345, '999')} is {@code " ###"}. The patterns {@code PL}, {@code SG},
 * {@code L}, {@code TH}, {@code V}, {@code EEEE} and {@code RN} are 0A000.
 */
final class NumberFormat {
    private enum Kind {
        NINE,
        ZERO,
        POINT,
        GROUP,
        SIGN,
        MINUS,
        BRACKETS,
        TEXT
    }

    private record Token(Kind kind, String text) {}

    private NumberFormat() {}

    /** {@code to_char(value, pattern)}. */
    static String format(BigDecimal value, String pattern) {
        List<Token> tokens = new ArrayList<>();
        boolean fillMode = parse(pattern, tokens);
        int pre = 0;
        int post = 0;
        boolean afterPoint = false;
        int zeroStart = -1;
        boolean explicitSign = false;
        Token leadingSign = null;
        for (Token token : tokens) {
            switch (token.kind()) {
                case NINE:
                case ZERO:
                    if (afterPoint) {
                        post++;
                    } else {
                        if (token.kind() == Kind.ZERO && zeroStart < 0) {
                            zeroStart = pre;
                        }
                        pre++;
                    }
                    break;
                case POINT:
                    if (afterPoint) {
                        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "multiple decimal points");
                    }
                    afterPoint = true;
                    break;
                case SIGN:
                    explicitSign = true;
                    if (pre == 0 && !afterPoint) {
                        leadingSign = token;
                    }
                    break;
                case MINUS:
                case BRACKETS:
                    explicitSign = true;
                    break;
                default:
                    break;
            }
        }
        BigDecimal rounded = value.abs().setScale(post, RoundingMode.HALF_UP);
        boolean negative = value.signum() < 0 && rounded.signum() != 0; // -0.004 with 9.99 is "  .00"
        String integerDigits = rounded.setScale(0, RoundingMode.DOWN).toPlainString();
        String fraction = post == 0 ? "" : rounded.toPlainString().substring(integerDigits.length() + 1);
        boolean overflow = integerDigits.length() > pre;
        boolean integerIsZero = integerDigits.equals("0");
        // FM drops trailing fraction zeros in 9 places (never in 0 places).
        int lastFractionDigit = post;
        if (fillMode && !overflow) {
            int lastZeroPlace = -1;
            int place = 0;
            boolean seenPoint = false;
            for (Token token : tokens) {
                if (token.kind() == Kind.POINT) {
                    seenPoint = true;
                } else if (seenPoint && (token.kind() == Kind.NINE || token.kind() == Kind.ZERO)) {
                    if (token.kind() == Kind.ZERO) {
                        lastZeroPlace = place;
                    }
                    place++;
                }
            }
            lastFractionDigit = post;
            while (lastFractionDigit > lastZeroPlace + 1
                    && lastFractionDigit > 0
                    && fraction.charAt(lastFractionDigit - 1) == '0') {
                lastFractionDigit--;
            }
        }

        StringBuilder out = new StringBuilder();
        boolean signWritten = false;
        boolean digitWritten = false;
        String signText = explicitSign ? null : negative ? "-" : fillMode ? "" : " ";
        int integerPlace = 0;
        int fractionPlace = 0;
        boolean inFraction = false;
        for (Token token : tokens) {
            switch (token.kind()) {
                case NINE:
                case ZERO: {
                    String digit;
                    if (inFraction) {
                        digit = overflow
                                ? "#"
                                : fractionPlace < lastFractionDigit
                                        ? String.valueOf(fraction.charAt(fractionPlace))
                                        : "";
                        fractionPlace++;
                    } else {
                        int place = integerPlace++;
                        int firstDigitPlace = pre - integerDigits.length();
                        boolean zeroFill = zeroStart >= 0 && place >= zeroStart;
                        if (overflow) {
                            digit = "#";
                        } else if (place < firstDigitPlace) {
                            digit = zeroFill ? "0" : null;
                        } else if (integerIsZero && post > 0 && !zeroFill) {
                            // 0.5 with 9.99 is " .50": the zero before the point is blank ...
                            boolean onlyPointLeft = fillMode && lastFractionDigit == 0;
                            digit = onlyPointLeft ? "0" : null; // ... except FM9.99 of 0, which is "0."
                        } else {
                            digit = String.valueOf(integerDigits.charAt(place - firstDigitPlace));
                        }
                    }
                    if (digit == null) {
                        if (!fillMode) {
                            out.append(' ');
                        }
                        break;
                    }
                    if (!signWritten && !digit.isEmpty()) {
                        out.append(anchoredSign(signText, leadingSign, tokens, negative, fillMode));
                        signWritten = true;
                    }
                    out.append(digit);
                    digitWritten |= !digit.isEmpty();
                    break;
                }
                case POINT:
                    inFraction = true;
                    if (post == 0 && !overflow) {
                        break; // Postgres writes the point of 999. only with digits after it
                    }
                    if (!signWritten) {
                        out.append(anchoredSign(signText, leadingSign, tokens, negative, fillMode));
                        signWritten = true;
                    }
                    out.append('.');
                    break;
                case GROUP:
                    if (digitWritten) {
                        out.append(',');
                    } else if (!fillMode) {
                        out.append(' ');
                    }
                    break;
                case SIGN:
                    if (token != leadingSign) {
                        out.append(negative ? '-' : '+');
                    }
                    break;
                case MINUS:
                    if (negative) {
                        out.append('-');
                    } else if (!fillMode) {
                        out.append(' ');
                    }
                    break;
                case BRACKETS:
                    if (negative) {
                        out.append('>');
                    } else if (!fillMode) {
                        out.append(' ');
                    }
                    break;
                default:
                    out.append(token.text());
            }
        }
        if (!signWritten) {
            out.append(anchoredSign(signText, leadingSign, tokens, negative, fillMode));
        }
        return out.toString();
    }

    /** What goes right before the first digit: the sign (or its blank), S's sign, or PR's bracket. */
    private static String anchoredSign(
            String signText, Token leadingSign, List<Token> tokens, boolean negative, boolean fillMode) {
        if (leadingSign != null) {
            return negative ? "-" : "+";
        }
        for (Token token : tokens) {
            if (token.kind() == Kind.BRACKETS) {
                return negative ? "<" : fillMode ? "" : " ";
            }
        }
        return signText == null ? "" : signText;
    }

    /** Splits the template into tokens; true when it has FM. */
    private static boolean parse(String pattern, List<Token> tokens) {
        boolean fillMode = false;
        int i = 0;
        while (i < pattern.length()) {
            String rest = pattern.substring(i).toUpperCase(Locale.ROOT);
            char c = pattern.charAt(i);
            if (rest.startsWith("FM")) {
                fillMode = true;
                i += 2;
            } else if (c == '9') {
                tokens.add(new Token(Kind.NINE, "9"));
                i++;
            } else if (c == '0') {
                tokens.add(new Token(Kind.ZERO, "0"));
                i++;
            } else if (c == '.' || rest.startsWith("D")) {
                tokens.add(new Token(Kind.POINT, "."));
                i++;
            } else if (c == ',' || rest.startsWith("G")) {
                tokens.add(new Token(Kind.GROUP, ","));
                i++;
            } else if (rest.startsWith("MI")) {
                tokens.add(new Token(Kind.MINUS, "MI"));
                i += 2;
            } else if (rest.startsWith("PR")) {
                tokens.add(new Token(Kind.BRACKETS, "PR"));
                i += 2;
            } else if (rest.startsWith("PL")
                    || rest.startsWith("SG")
                    || rest.startsWith("TH")
                    || rest.startsWith("EEEE")
                    || rest.startsWith("RN")) {
                throw StripeJdbcException.unsupported("the to_char number pattern "
                        + pattern.substring(i, i + (rest.startsWith("EEEE") ? 4 : 2)) + " is not supported");
            } else if (rest.startsWith("S")) {
                tokens.add(new Token(Kind.SIGN, "S"));
                i++;
            } else if (rest.startsWith("L") || rest.startsWith("V")) {
                throw StripeJdbcException.unsupported("the to_char number pattern " + c + " is not supported");
            } else if (c == '"') {
                int end = pattern.indexOf('"', i + 1);
                end = end < 0 ? pattern.length() : end;
                tokens.add(new Token(Kind.TEXT, pattern.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                tokens.add(new Token(Kind.TEXT, String.valueOf(pattern.charAt(i + 1))));
                i += 2;
            } else {
                tokens.add(new Token(Kind.TEXT, String.valueOf(c)));
                i++;
            }
        }
        return fillMode;
    }
}
