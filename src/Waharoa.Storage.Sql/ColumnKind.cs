namespace Waharoa.Storage.Sql;

/// <summary>The kinds of column the schema is made of; each is a template token, <c>{Identifier}</c> and so on.</summary>
internal enum ColumnKind
{
    /// <summary>An identifier or code, compared and ordered byte by byte.</summary>
    Identifier,

    /// <summary>Free text: names, JSON, PEM.</summary>
    Text,

    /// <summary>A myIR logon: unique and matched ignoring the case of ASCII letters (through <see cref="SqlDialect.LogonKey"/>).</summary>
    Logon,

    /// <summary>A time, as Unix milliseconds.</summary>
    Time,

    /// <summary>A yes or no.</summary>
    Flag,

    /// <summary>A whole number of 64 bits: a count, a key numbered by someone else.</summary>
    Integer,

    /// <summary>Bytes kept as they are.</summary>
    Bytes,

    /// <summary>The whole definition of a key numbered in insertion order.</summary>
    Sequence,
}
