namespace Waharoa.Customers;

/// <summary>
/// IRD numbers: eight or nine digits (hyphens and spaces allowed in input) between 10-000-000 and
/// 150-000-000 whose last digit is the modulus-11 check digit of IR's published algorithm.
/// </summary>
public static class IrdNumber
{
    private static readonly int[] PrimaryWeights = [3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly int[] SecondaryWeights = [7, 4, 3, 2, 5, 2, 7, 6];

    /// <summary>The number as nine digits (leading zero for eight-digit numbers), or null when it is not a valid IRD number.</summary>
    public static string? Normalise(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var digits = new string(value.Where(c => c is not ('-' or ' ')).ToArray());
        if (digits.Length is not (8 or 9) || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var number = long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (number is < 10_000_000 or > 150_000_000)
        {
            return null;
        }

        var padded = digits.PadLeft(9, '0');
        return CheckDigit(padded[..8]) == padded[8] - '0' ? padded : null;
    }

    /// <summary>True when <paramref name="value"/> is a valid IRD number.</summary>
    public static bool IsValid(string? value) => Normalise(value) is not null;

    /// <summary>The check digit of an eight-digit base number, or -1 when no digit can be valid.</summary>
    public static int CheckDigit(string baseNumber)
    {
        ArgumentNullException.ThrowIfNull(baseNumber);
        if (baseNumber.Length != 8 || !baseNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The base number must be eight digits.", nameof(baseNumber));
        }

        var check = Calculate(baseNumber, PrimaryWeights);
        if (check == 10)
        {
            check = Calculate(baseNumber, SecondaryWeights);
        }

        return check == 10 ? -1 : check;
    }

    private static int Calculate(string baseNumber, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (baseNumber[i] - '0') * weights[i];
        }

        var remainder = sum % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }
}
