using System.CommandLine;

namespace Sitrep.Cli;

/// <summary>Runs a parsed command line: usage errors exit 2, input errors exit 1 with one line on stderr.</summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int InputError = 1;
    public const int UsageError = 2;

    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"sitrep: {error.Message}");
            Console.Error.WriteLine("sitrep: see 'sitrep --help'");
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (SitrepInputException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return InputError;
        }
        catch (Sitrep.Storage.StoreException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return InputError;
        }
        catch (Sitrep.Storage.StoreQueryException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return UsageError;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return UsageError;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return InputError;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return InputError;
        }
    }
}

/// <summary>A bad option value found after parsing (an impossible date, an unknown model).</summary>
public sealed class UsageException(string message) : Exception(message);
