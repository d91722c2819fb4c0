# Kazakh date formats. Django ships none for "kk", so without this file dates fall back to the
# English "N j, Y" with Kazakh abbreviations ("Қар. 25, 2026"). "E" takes the month name from the
# "alt. month" context, which our kk catalogue fills with lower-case names: "25 қараша 2026 ж.".
DATE_FORMAT = "j E Y ж."
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j E Y ж. H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y ж."
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
