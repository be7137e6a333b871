"""The accounts of the synthetic conference: chairs, reviewers and authors,
each with a verified address, a profile and the one shared password."""

import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils.text import slugify

from portal.models import User
from portal.validators import orcid_check_digit
from sampledata.synthetic.words import TIME_ZONES, UNIVERSITIES, USER_LANGUAGES, Writer

EMAIL_DOMAIN = "bench.example"
BATCH = 2000


def email_of(role: str, number: int) -> str:
    """The address of the `number`th (from 1) chair, reviewer or author: chair1@bench.example ..."""
    return f"{role}{number}@{EMAIL_DOMAIN}"


def paper_email(user: User) -> str:
    """The institutional address an author puts on papers (verified on their account beside the login
    address): author12@universidade-de-sao-paulo.example. Were papers signed @bench.example like the
    reviewers' logins, conflict detection would see one institution and put every pair in conflict."""
    return f"{user.email.split('@')[0]}@{slugify(user.affiliation)}.example"


def valid_orcid(rng: random.Random) -> str:
    """A well-formed ORCID iD whose check digit is right (ISO 7064 MOD 11-2)."""
    base = f"0000000{rng.randint(1, 3)}{rng.randrange(10 ** 7):07d}"
    digits = base + orcid_check_digit(base)
    return "-".join(digits[start:start + 4] for start in range(0, 16, 4))


@dataclass(frozen=True)
class Profile:
    full_name: str
    affiliation: str
    country: str
    orcid: str
    language: str
    time_zone: str


def profile_draw(rng: random.Random, writer: Writer, *, orcid_share: float) -> Profile:
    affiliation, country = rng.choice(UNIVERSITIES)
    language = USER_LANGUAGES.get(country, "en")
    if rng.random() < 0.15:  # some read the portal in another language than their country's
        language = rng.choice(["en", "pt-br", "es"])
    return Profile(
        full_name=writer.person_name(), affiliation=affiliation, country=country,
        orcid=valid_orcid(rng) if rng.random() < orcid_share else "", language=language,
        time_zone=TIME_ZONES.get(country, "UTC"),
    )


def people_create(*, role: str, count: int, rng: random.Random, password_hash: str, joined, orcid_share: float = 0.4,
                  signs_papers: bool = False) -> list[User]:
    """`count` verified accounts named role1@bench.example ... role{count}@bench.example, in that order;
    those who `signs_papers` also have their institutional `paper_email` verified."""
    writer = Writer(rng)
    users = []
    for number in range(1, count + 1):
        profile = profile_draw(rng, writer, orcid_share=orcid_share)
        users.append(User(
            email=email_of(role, number), password=password_hash, date_joined=joined,
            full_name=profile.full_name, affiliation=profile.affiliation, country=profile.country,
            orcid=profile.orcid, language=profile.language, time_zone=profile.time_zone,
        ))
    users = User.objects.bulk_create(users, batch_size=BATCH)
    addresses = [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    if signs_papers:
        addresses += [EmailAddress(user=user, email=paper_email(user), verified=True, primary=False) for user in users]
    EmailAddress.objects.bulk_create(addresses, batch_size=BATCH)
    return users
