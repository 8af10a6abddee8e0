"""How hard a lesson is to read, measured per language with a formula made for that language.

The course's bar is grade 8 or below (US school grades). English uses the Flesch-Kincaid grade.
Spanish uses the Szigriszt-Pazos perspicuity index (textstat's `szigriszt_pazos`, the Flesch
formula adapted to Spanish) read on the INFLESZ scale, which was validated on texts for patients
(Barrio-Cantalejo et al. 2008, Anales del Sistema Sanitario de Navarra 31(2), docs/sources.md):
above 55 is "normal" or easier, the band spanishreadability.com matches to US grades 7-8, and the
threshold Ballesteros-Peña & Fernández-Aedo (2013) took as acceptable for patient leaflets.
"""

from __future__ import annotations

from dataclasses import dataclass

import textstat


@dataclass(frozen=True)
class ReadingLevel:
    formula: str
    limit: float
    #: textstat's language (its syllable rules): "en_US" is its default, which the English
    #: limits were set with ("en" counts syllables differently: lesson 05 reads 3.1, not 4.3).
    textstat_language: str
    #: True when a higher score is easier (reading-ease indices); False for grade levels.
    higher_is_easier: bool

    def easy_enough(self, score: float) -> bool:
        return score >= self.limit if self.higher_is_easier else score <= self.limit

    def describe(self, score: float) -> str:
        bound = "at least" if self.higher_is_easier else "at most"
        return f"{self.formula} {score:.1f}; the course asks for {bound} {self.limit:g}"


READING_LEVEL = {
    "en": ReadingLevel("flesch_kincaid_grade", 8.0, "en_US", higher_is_easier=False),
    "es": ReadingLevel("szigriszt_pazos", 55.0, "es", higher_is_easier=True),
}


def reading_level(text: str, language: str) -> float:
    """The score of `text` on its language's formula (textstat 0.7.4, that language's rules)."""
    level = READING_LEVEL[language]
    textstat.set_lang(level.textstat_language)
    try:
        return getattr(textstat, level.formula)(text)
    finally:
        textstat.set_lang("en_US")
