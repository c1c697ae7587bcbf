package geo

// countryAliases maps names that news text uses for countries to ISO codes, where they
// differ from the GeoNames country name.
var countryAliases = map[string]string{
	"U.S.": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
	"UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
	"West Germany": "DE", "East Germany": "DE", "Czech Republic": "CZ", "Holland": "NL",
	"the Netherlands": "NL", "Burma": "MM", "Macedonia": "MK", "Ivory Coast": "CI",
	"Cote d'Ivoire": "CI", "UAE": "AE", "U.A.E.": "AE", "DR Congo": "CD", "Congo": "CG",
	"Vatican City": "VA", "Palestine": "PS", "Turkiye": "TR", "Swaziland": "SZ",
	"East Timor": "TL", "Timor-Leste": "TL", "Cape Verde": "CV", "Republic of Ireland": "IE",
	"Soviet Union": "RU", "USSR": "RU",
}

// usStates maps AP style state abbreviations, common variants and postal codes to the
// GeoNames admin-1 codes of US states (which are the postal codes).
var usStates = map[string]string{
	"Ala.": "AL", "Alaska": "AK", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA",
	"Colo.": "CO", "Conn.": "CT", "Del.": "DE", "Dela.": "DE", "D.C.": "DC", "Fla.": "FL",
	"Ga.": "GA", "Hawaii": "HI", "Idaho": "ID", "Ill.": "IL", "Il.": "IL", "Ind.": "IN",
	"Iowa": "IA", "Kan.": "KS", "Kans.": "KS", "Kansas": "KS", "Ky.": "KY", "La.": "LA",
	"Maine": "ME", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS",
	"Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH",
	"N.J.": "NJ", "N.M.": "NM", "N.Mex.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
	"Ohio": "OH", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR", "Pa.": "PA", "Penn.": "PA",
	"R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Texas": "TX", "Tex.": "TX",
	"Utah": "UT", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV",
	"Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY",
	"AL": "AL", "AK": "AK", "AZ": "AZ", "AR": "AR", "CA": "CA", "CO": "CO", "CT": "CT",
	"DE": "DE", "DC": "DC", "FL": "FL", "GA": "GA", "HI": "HI", "ID": "ID", "IL": "IL",
	"IN": "IN", "IA": "IA", "KS": "KS", "KY": "KY", "LA": "LA", "ME": "ME", "MD": "MD",
	"MA": "MA", "MI": "MI", "MN": "MN", "MS": "MS", "MO": "MO", "MT": "MT", "NE": "NE",
	"NV": "NV", "NH": "NH", "NJ": "NJ", "NM": "NM", "NY": "NY", "NC": "NC", "ND": "ND",
	"OH": "OH", "OK": "OK", "OR": "OR", "PA": "PA", "RI": "RI", "SC": "SC", "SD": "SD",
	"TN": "TN", "TX": "TX", "UT": "UT", "VT": "VT", "VA": "VA", "WA": "WA", "WV": "WV",
	"WI": "WI", "WY": "WY",
}

// caProvinces maps abbreviations of Canadian provinces to GeoNames admin-1 codes.
var caProvinces = map[string]string{
	"Alta.": "01", "B.C.": "02", "Man.": "03", "N.B.": "04", "Nfld.": "05", "N.S.": "07",
	"Ont.": "08", "P.E.I.": "09", "Que.": "10", "Sask.": "11", "Quebec": "10",
}
