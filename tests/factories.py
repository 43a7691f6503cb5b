"""One factory per model, with traits for common states (factory_boy)."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from regions.models import (
    AnnualReport,
    Convenant,
    ManagerAssignment,
    Membership,
    OfficerAssignment,
    Organisation,
    Period,
    Region,
    Signature,
    StudentCount,
)
from regions.roles import Role

_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ"


def _brin(n: int) -> str:
    return f"{n % 100:02d}{_LETTERS[(n // 100) % 22]}{_LETTERS[(n // 2200) % 22]}"


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("code",)

    code = "2025-2028"
    start_year = 2025
    end_year = 2028
    min_cofinancing_pct = Decimal("10")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "vmbo"
    key = factory.Sequence(lambda n: f"{_brin(n)}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Scholengemeenschap {n}")
    city = "Utrecht"
    technical_profiles = "BWI;PIE"

    class Params:
        non_technical = factory.Trait(technical_profiles="")
        mbo = factory.Trait(
            kind="mbo",
            key=factory.Sequence(lambda n: _brin(n + 5000)),
            name=factory.Sequence(lambda n: f"ROC {n}"),
            technical_profiles="",
        )
        company = factory.Trait(
            kind="company",
            key=factory.Sequence(lambda n: f"{30000000 + n:08d}"),
            name=factory.Sequence(lambda n: f"Techniekbedrijf {n} B.V."),
            technical_profiles="",
        )
        municipality = factory.Trait(
            kind="municipality",
            key=factory.Sequence(lambda n: f"GM{(n % 9000) + 1000:04d}"),
            name=factory.Sequence(lambda n: f"Gemeente {n}"),
            technical_profiles="",
            inhabitants=50000,
        )


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    sto_number = factory.Sequence(lambda n: f"STO{19000 + n}")
    name = factory.Sequence(lambda n: f"Techniekregio {n}")
    kind = "techniek"
    lead = factory.SubFactory(OrganisationFactory)

    class Params:
        techniekarm = factory.Trait(kind="techniekarm")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    region = factory.SubFactory(RegionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start = datetime.date(2020, 1, 1)
    end = None

    class Params:
        ended = factory.Trait(end=datetime.date(2022, 12, 31))


class StudentCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentCount

    organisation = factory.SubFactory(OrganisationFactory)
    reference_date = datetime.date(2024, 10, 1)
    profile = "BWI"
    learning_path = "BB"
    students = 40


class ConvenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convenant

    region = factory.SubFactory(RegionFactory)
    period = factory.SubFactory(PeriodFactory)
    title = factory.LazyAttribute(lambda o: f"Convenant {o.region.name} {o.period.code}")
    starts = factory.LazyAttribute(lambda o: datetime.date(o.period.start_year, 1, 1))
    ends = factory.LazyAttribute(lambda o: datetime.date(o.period.end_year, 12, 31))
    signing_deadline = factory.LazyAttribute(
        lambda o: datetime.date(o.period.start_year - 1, 10, 1)
    )


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    convenant = factory.SubFactory(ConvenantFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    signed_on = datetime.date(2024, 9, 1)
    signatory = "J. de Vries"
    function = "bestuurder"

    class Params:
        unsigned = factory.Trait(signed_on=None, signatory="", function="")


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    region = factory.SubFactory(RegionFactory)
    year = 2025
    submitted_on = datetime.date(2026, 5, 20)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    region = factory.SubFactory(RegionFactory)
    period = factory.SubFactory(PeriodFactory)
    year = 2025
    amount = Decimal("1000000.00")


class CofinancingCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CofinancingCommitment

    region = factory.SubFactory(RegionFactory)
    organisation = factory.SubFactory(OrganisationFactory, company=True)
    year = 2025
    form = "internships"
    committed = Decimal("50000.00")
    realised = None


class MunicipalContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalContribution
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    municipality = factory.SubFactory(OrganisationFactory, municipality=True)
    year = 2025
    requested = Decimal("23973.00")
    approved = None
    status = "requested"

    @factory.post_generation
    def member(self, create, extracted, **kwargs):
        """A contribution is only asked of a member of the region (``contribution_request``):
        the municipality becomes one from 2020 unless it already is, or ``member=False``."""
        if create and extracted is not False:
            if not Membership.objects.filter(
                region=self.region, organisation=self.municipality
            ).exists():
                Membership.objects.create(
                    region=self.region,
                    organisation=self.municipality,
                    start=datetime.date(2020, 1, 1),
                )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nl")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=Role(extracted).value)[0])
        if create:
            self.save()


def manager_of(*regions, username: str | None = None):
    """A programme manager of ``regions``."""
    user = UserFactory(role=Role.PROGRAMME_MANAGER, **({"username": username} if username else {}))
    for region in regions:
        ManagerAssignment.objects.create(user=user, region=region)
    return user


def officer_of(municipality, username: str | None = None):
    """A municipal officer of ``municipality``."""
    user = UserFactory(role=Role.MUNICIPAL_OFFICER, **({"username": username} if username else {}))
    OfficerAssignment.objects.create(user=user, municipality=municipality)
    return user
