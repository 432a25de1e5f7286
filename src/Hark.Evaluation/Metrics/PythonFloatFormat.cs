using System.Globalization;
using System.Numerics;
using System.Text;

namespace Hark.Evaluation.Metrics;

/// <summary>
/// Python's fixed-point formatting (<c>format(x, ".2f")</c>): the exact binary value rounded half to even, so a
/// report prints the same digits as scikit-learn (.NET rounds exact halves such as 0.125 away from zero).
/// </summary>
public static class PythonFloatFormat
{
    public static string Fixed(double value, int digits)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponentBits = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = exponentBits == 0 ? fraction : fraction | (1L << 52);
        int exponent = (exponentBits == 0 ? 1 : exponentBits) - 1075;

        // |value| * 10^digits = mantissa * 2^exponent * 10^digits, rounded half to even.
        BigInteger scaled = mantissa * BigInteger.Pow(10, digits);
        BigInteger rounded;
        if (exponent >= 0)
        {
            rounded = scaled << exponent;
        }
        else
        {
            BigInteger divisor = BigInteger.One << -exponent;
            rounded = BigInteger.DivRem(scaled, divisor, out BigInteger remainder);
            int half = (remainder * 2).CompareTo(divisor);
            if (half > 0 || (half == 0 && !rounded.IsEven)) rounded += 1;
        }
        string text = rounded.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var result = new StringBuilder();
        if (negative) result.Append('-');
        result.Append(text, 0, text.Length - digits);
        if (digits > 0) result.Append('.').Append(text, text.Length - digits, digits);
        return result.ToString();
    }
}
