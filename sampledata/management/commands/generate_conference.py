from django.core.management.base import BaseCommand, CommandError

from sampledata import synthetic


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def not_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Creates a synthetic conference for benchmarks: slug 'bench', panels panel-1 ... panel-P, papers and "
        "reviewers divided evenly among them, accounts chair{i}, reviewer{i} and author{i}@bench.example "
        "(author{i} submitted paper i, counted across the panels) sharing one password. Calls are open, bidding "
        "is open, about 70% of the assignments have a submitted review, 15% a draft, 15% none yet. The same "
        "--seed writes the same data. Refuses to run while the 'bench' conference or @bench.example accounts "
        "exist, unless --replace (which deletes them first, with everything in them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--papers", type=not_negative, required=True)
        parser.add_argument("--reviewers", type=not_negative, required=True)
        parser.add_argument("--reviews-per-paper", type=not_negative, default=3)
        parser.add_argument("--panels", type=positive, default=5)
        parser.add_argument("--bids-per-reviewer", type=not_negative, default=30)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", default=synthetic.DEFAULT_PASSWORD,
                            help="The password of every generated account (default: %(default)s).")
        parser.add_argument("--replace", action="store_true",
                            help="Delete the generated conference and the @bench.example accounts first.")

    def handle(self, *args, **options):
        shape = synthetic.ConferenceShape(
            papers=options["papers"], reviewers=options["reviewers"], reviews_per_paper=options["reviews_per_paper"],
            panels=options["panels"], bids_per_reviewer=options["bids_per_reviewer"], seed=options["seed"],
            password=options["password"],
        )
        if synthetic.conference_exists():
            if not options["replace"]:
                raise CommandError(
                    f"The '{synthetic.CONFERENCE_SLUG}' conference or @bench.example accounts exist already: "
                    "run with --replace to delete them and generate again."
                )
            self.stdout.write("Deleting the previous synthetic conference ...")
            synthetic.conference_delete()

        def progress(message):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {message}")

        report = synthetic.conference_generate(shape=shape, progress=progress)
        width = max(len(label) for label in report.counts)
        for label, count in report.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>9,}")
        self.stdout.write(self.style.SUCCESS(
            f"Conference '{report.conference.slug}' generated in {report.seconds:.1f} s "
            f"(seed {shape.seed}; password for every account: {shape.password})."
        ))
