namespace Hark.Data;

public enum DataProblemKind
{
    UnknownLabel,
    MissingFile,
    WrongColumnCount,
    EmptyLabel,
    EmptyField,
    DuplicateId,
    UnsupportedFile,
    OutsideDataRoot,
    BadValue,
}
