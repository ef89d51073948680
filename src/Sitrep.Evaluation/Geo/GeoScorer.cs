using Sitrep.Extraction.Places;

namespace Sitrep.Evaluation.Geo;

/// <summary>
/// Toponym resolution figures. With gold spans: each gold toponym is given to <see cref="PlaceResolver.Resolve"/> and
/// scored by great-circle distance (accuracy within 161 km = 100 miles, exact GeoNames id where the gold has one, median
/// and mean error; an unresolved toponym counts as <see cref="MissKm"/>). End to end: the GPE/LOC/FAC entity mentions
/// of the full pipeline are the predicted toponyms (exact span match for F1), and a gold toponym counts for
/// geo_e2e_acc161 when a predicted mention has its span and its entity's place lies within 161 km.
/// </summary>
public sealed class GeoScorer(Pipeline pipeline, PlaceResolver resolver, Func<GeoGoldDocument, Document> createDocument, int errors = 0)
{
    public const double AccuracyKm = 161;
    /// <summary>Half the Earth's circumference: the error charged for a toponym the resolver could not place.</summary>
    public const double MissKm = 20037.5;

    public sealed record Result(int Documents, int Gold, int Resolved, int Within161, int WithId, int ExactId, double MedianKm, double MeanKm,
        int Predicted, int SpanMatches, int E2eWithin161, IReadOnlyList<string> Errors)
    {
        public MetricReport ToReport(string title)
        {
            var r = new MetricReport(title)
                .AddCount("documents", Documents).AddCount("toponyms", Gold)
                .Add("geo_acc161", Gold == 0 ? double.NaN : (double)Within161 / Gold)
                .Add("geo_exact", WithId == 0 ? double.NaN : (double)ExactId / WithId)
                .AddNumber("geo_median_km", MedianKm).AddNumber("geo_mean_km", MeanKm)
                .AddCount("geo_unresolved", Gold - Resolved).AddCount("geo_with_id", WithId)
                .AddPrf("toponym", SpanMatches, Predicted, Gold)
                .Add("geo_e2e_acc161", Gold == 0 ? double.NaN : (double)E2eWithin161 / Gold);
            return r;
        }
    }

    public Result Score(IEnumerable<GeoGoldDocument> gold)
    {
        var distances = new List<double>();
        var errorLines = new List<string>();
        int docs = 0, n = 0, resolved = 0, within = 0, withId = 0, exact = 0, predicted = 0, matches = 0, e2e = 0;
        foreach (var g in gold)
        {
            docs++;
            var doc = pipeline.Process(createDocument(g));
            var spans = new List<TextSpan>(g.Toponyms.Count);
            foreach (var t in g.Toponyms) spans.Add(new TextSpan(t.Start, t.End));
            var results = resolver.Resolve(doc, spans);
            for (int i = 0; i < g.Toponyms.Count; i++)
            {
                var t = g.Toponyms[i];
                var p = results[i].Place;
                n++;
                double km = p is null ? MissKm : Haversine(t.Lat, t.Lon, p.Lat, p.Lon);
                if (p is not null) resolved++;
                distances.Add(km);
                if (km <= AccuracyKm) within++;
                if (t.GeonameId is { } id) { withId++; if (p?.GeonameId == id) exact++; }
                if (km > AccuracyKm && errorLines.Count < errors)
                    errorLines.Add($"{g.Id} [{t.Start},{t.End}) \"{g.Text[t.Start..t.End]}\": {km:0} km off, got {(p is null ? "nothing" : $"{resolver.Gazetteer.Name(results[i].Entry)} ({p.CountryCode} {p.FeatureCode} {p.Lat:0.##},{p.Lon:0.##}) conf {p.Confidence:0.00}")}, gold {t.Lat:0.##},{t.Lon:0.##} id {t.GeonameId?.ToString() ?? "null"}");
            }
            // End to end: predicted toponyms are the place entities' mentions.
            var predictedSpans = new Dictionary<TextSpan, Place?>();
            foreach (var e in doc.Entities)
                if (e.Type is EntityType.GPE or EntityType.LOC or EntityType.FAC)
                    foreach (var m in e.Mentions) predictedSpans.TryAdd(new TextSpan(m.Start, m.End), e.Place);
            predicted += predictedSpans.Count;
            foreach (var t in g.Toponyms)
                if (predictedSpans.TryGetValue(new TextSpan(t.Start, t.End), out var place))
                {
                    matches++;
                    if (place is not null && Haversine(t.Lat, t.Lon, place.Lat, place.Lon) <= AccuracyKm) e2e++;
                }
        }
        distances.Sort();
        double median = distances.Count == 0 ? double.NaN
            : distances.Count % 2 == 1 ? distances[distances.Count / 2] : (distances[distances.Count / 2 - 1] + distances[distances.Count / 2]) / 2;
        double mean = distances.Count == 0 ? double.NaN : distances.Sum() / distances.Count;
        return new Result(docs, n, resolved, within, withId, exact, median, mean, predicted, matches, e2e, errorLines);
    }

    /// <summary>Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0088, D = Math.PI / 180;
        double dLat = (lat2 - lat1) * D, dLon = (lon2 - lon1) * D;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * D) * Math.Cos(lat2 * D) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
