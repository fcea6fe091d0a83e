"""Load the demo notices and users: ``manage.py load_demo``."""

from django.core.management.base import BaseCommand

from project.demo import DEMO_USERS, demo_passwords_allowed, load_demo


class Command(BaseCommand):
    help = (
        "Import and publish the five seed notices and a complete GDPR example, and "
        "create one demo user per role (development settings only). Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help="Only print the demo logins.",
        )

    def handle(self, *args, print_logins=False, **options):
        if print_logins:
            self.print_logins()
            return
        result = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(result['notices'])} notices under "
                f"“{result['index'].title}”."
            )
        )
        if not result["users"]:
            self.stdout.write(
                "No demo users were created: demo passwords exist only with "
                "development settings."
            )

    def print_logins(self):
        if not demo_passwords_allowed():
            self.stdout.write("Demo logins exist only with development settings.")
            return
        self.stdout.write("  Demo logins (username / password):")
        for user in DEMO_USERS:
            self.stdout.write(
                f"    {user.username:<9} / {user.password:<20} {user.role}"
            )
