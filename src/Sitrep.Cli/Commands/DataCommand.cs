using System.CommandLine;
using Sitrep.Entities;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep data build-countries --from countries.json [--out data/lexicons/countries.tsv]`: compiles the country table.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "countries.json of the world-countries npm package", Required = true };
        var output = new Option<string>("--out") { Description = "Table to write", DefaultValueFactory = _ => Path.Combine("data", "lexicons", "countries.tsv") };
        var build = new Command("build-countries", "Build data/lexicons/countries.tsv from world-countries' countries.json") { from, output };
        build.SetAction(parse =>
        {
            string table = CountryTableBuilder.Build(parse.GetValue(from)!);
            string outPath = parse.GetValue(output)!;
            var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (dir is not null) Directory.CreateDirectory(dir);
            File.WriteAllText(outPath, table);
            Console.WriteLine($"wrote {outPath} ({table.Split('\n').Length - 5} countries)");
            return CliRunner.Ok;
        });
        return new Command("data", "Build Sitrep's data files from registry packages") { build };
    }
}
