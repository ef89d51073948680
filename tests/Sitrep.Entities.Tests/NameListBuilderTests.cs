using Sitrep.Entities;

namespace Sitrep.Entities.Tests;

public sealed class NameListBuilderTests
{
    [Fact]
    public void Builds_sorted_typed_names_and_filters_common_words()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"sitrep-names-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            string F(string name, string text) { string p = Path.Combine(dir, name); File.WriteAllText(p, text); return p; }
            static string City(string name, string alt, string code, long pop) =>
                $"1\t{name}\t{name}\t{alt}\t0\t0\tP\t{code}\tXX\t\t01\t\t\t\t{pop}\t\t0\tUTC\t2020-01-01\n";
            var src = new NameListBuilder.Sources(
                Cities: F("cities.txt", City("Beira", "Beïra,Бейра", "PPLA", 500_000) + City("Mobile", "", "PPL", 190_000) + City("Tiny", "", "PPL", 900)),
                UsStates: F("states.json", "[\"Delaware\"]"),
                WordNetNouns: F("data.noun",
                    "  1 comment line\n" +
                    "09999999 18 n 02 Albert_Einstein 0 Einstein 0 001 @i 10000000 n 0000 | physicist\n" +
                    "09999998 18 n 01 physicist 0 001 @ 10000001 n 0000 | a scientist\n"),
                EnglishWords: F("english.json", "[\"mobile\",\"physicist\"]"),
                Companies: F("companies.txt", "# comment\nAcme\nAB\n"),
                PeopleNames: F("people.txt", "Haddad\nmobile\n"),
                MinPopulation: 15_000, MinPopulationAltNames: 200_000);
            string table = NameListBuilder.Build(src);
            var rows = table.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
            Assert.Equal(rows.OrderBy(r => r, StringComparer.Ordinal), rows);
            Assert.Contains("place\tBeira", rows);
            Assert.Contains("place\tBeïra", rows);
            Assert.DoesNotContain("place\tMobile", rows);      // an ordinary English word
            Assert.DoesNotContain("place\tTiny", rows);        // too small
            Assert.DoesNotContain(rows, r => r.Contains('Б'));  // not Latin script
            Assert.Contains("state\tDelaware", rows);
            Assert.Contains("person\tAlbert Einstein", rows);
            Assert.Contains("surname\tEinstein", rows);
            Assert.DoesNotContain(rows, r => r.EndsWith("physicist", StringComparison.Ordinal));
            Assert.Contains("company\tAcme", rows);
            Assert.Contains("surname\tHaddad", rows);
            Assert.Contains("orghead\tMinistry", rows);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
