using InterviewTextLine.TestKit.Azurite;

[assembly: AssemblyFixture(typeof(AzuriteAssemblyFixture))]
