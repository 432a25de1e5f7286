namespace Hark.Audio.Resampling;

/// <summary>
/// The closest fraction p / q to a positive number with both terms bounded, as Python's Fraction.limit_denominator
/// bounding numerator and denominator alike: continued-fraction convergents, then the best semiconvergent. For a value
/// x with 1 / maxTerm &lt;= x &lt;= maxTerm the relative error |(p / q) / x - 1| is below 1 / (maxTerm + 1).
/// </summary>
public static class RationalApproximation
{
    public static (int Numerator, int Denominator) Closest(double value, int maxTerm)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "RationalApproximation: expected a positive finite value");
        if (maxTerm < 1) throw new ArgumentOutOfRangeException(nameof(maxTerm), maxTerm, "RationalApproximation: the largest term must be >= 1");
        long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        double x = value;
        for (int i = 0; i < 64; i++)
        {
            double whole = Math.Floor(x);
            if (whole > maxTerm) break;
            long a = (long)whole;
            long p2 = p0 + a * p1, q2 = q0 + a * q1;
            if (p2 > maxTerm || q2 > maxTerm) break;
            (p0, q0, p1, q1) = (p1, q1, p2, q2);
            double fraction = x - whole;
            if (fraction < 1e-12) return ((int)p1, (int)q1);
            x = 1 / fraction;
        }
        long k = Math.Min(q1 == 0 ? long.MaxValue : (maxTerm - q0) / q1, p1 == 0 ? long.MaxValue : (maxTerm - p0) / p1);
        long ps = p0 + k * p1, qs = q0 + k * q1;
        bool convergentValid = p1 > 0 && q1 > 0;
        bool semiconvergentValid = k >= 1 && ps > 0 && qs > 0;
        if (!convergentValid && !semiconvergentValid)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"RationalApproximation: {value} is outside what terms up to {maxTerm} can express");
        if (!convergentValid || (semiconvergentValid && Math.Abs((double)ps / qs - value) < Math.Abs((double)p1 / q1 - value)))
            return ((int)ps, (int)qs);
        return ((int)p1, (int)q1);
    }
}
