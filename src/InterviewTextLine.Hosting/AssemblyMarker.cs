namespace InterviewTextLine.Hosting;
internal static class AssemblyMarker;
